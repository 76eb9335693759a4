package dev.migration.autoconfigure;

/**
 * Thrown when the migrations would run once the application is ready
 * ({@code migration.run-at=ready}) while something uses the schema as the application
 * starts: Hibernate validating or generating it, or Spring Boot's SQL scripts filling
 * it. It would see the schema before the migrations ran, or create tables the
 * migrations then fail to create. Thrown while the context refreshes, before the JPA
 * {@code EntityManagerFactory} or the script initialization is created.
 */
public class SchemaNeededAtStartupException extends RuntimeException {

	private final String property;

	private final String value;

	private final String off;

	private final String runAtProperty;

	/**
	 * Creates an exception for the setting at fault.
	 * @param user what uses the schema while the application starts, such as
	 * {@code Hibernate}
	 * @param property the property that makes it do so, such as
	 * {@code spring.jpa.hibernate.ddl-auto}
	 * @param value the property's value, such as {@code validate}
	 * @param off the value of the property with which it does not, such as {@code none}
	 */
	public SchemaNeededAtStartupException(String user, String property, String value, String off) {
		this(user, property, value, off, "migration.run-at");
	}

	/**
	 * Creates an exception for the setting at fault, for the run-at property of one of
	 * several databases ({@code migration.instances.<name>.run-at}).
	 */
	SchemaNeededAtStartupException(String user, String property, String value, String off, String runAtProperty) {
		super("Migrations run once the application is ready (" + runAtProperty + "=ready), but " + user
				+ " would use the schema while the application starts (" + property + "=" + value
				+ "), before the migrations ran");
		this.property = property;
		this.value = value;
		this.off = off;
		this.runAtProperty = runAtProperty;
	}

	/**
	 * The property that made the migrations run once the application is ready.
	 * @return {@code migration.run-at}, or {@code migration.instances.<name>.run-at}
	 */
	String getRunAtProperty() {
		return this.runAtProperty;
	}

	/**
	 * The property that makes the schema needed while the application starts.
	 * @return the property, such as {@code spring.jpa.hibernate.ddl-auto}
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * The property's value.
	 * @return the value, such as {@code validate}
	 */
	public String getValue() {
		return this.value;
	}

	/**
	 * The value of the property with which the schema is not used while the application
	 * starts.
	 * @return the value, such as {@code none}
	 */
	public String getOff() {
		return this.off;
	}

}

package dev.migration.autoconfigure;

/**
 * Thrown when the migrations would run once the application is ready
 * ({@code migration.run-at=ready}) while Hibernate reads or changes the schema as the
 * application starts: it would validate a schema not migrated yet, or create tables that
 * the migrations then fail to create. Thrown while the context refreshes, before the JPA
 * {@code EntityManagerFactory} is created.
 */
public class SchemaNeededAtStartupException extends RuntimeException {

	private final String jpaSetting;

	/**
	 * Creates an exception for the JPA setting at fault.
	 * @param jpaSetting the setting and its value, such as
	 * {@code spring.jpa.hibernate.ddl-auto=validate}
	 */
	public SchemaNeededAtStartupException(String jpaSetting) {
		super("Migrations run once the application is ready (migration.run-at=ready), but Hibernate uses the schema "
				+ "while the application starts (" + jpaSetting + "): it would see the schema before the migrations ran");
		this.jpaSetting = jpaSetting;
	}

	/**
	 * The JPA setting at fault, with its value.
	 * @return the setting, such as {@code spring.jpa.hibernate.ddl-auto=validate}
	 */
	public String getJpaSetting() {
		return this.jpaSetting;
	}

}

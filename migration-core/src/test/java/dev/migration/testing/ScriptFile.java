package dev.migration.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes one revision script in the documented format.
 */
public final class ScriptFile {

	private final Path directory;

	private final String revision;

	private String message;

	private String parents;

	private String dependsOn;

	private String branchLabels;

	private boolean transactional = true;

	private Boolean placeholders;

	private String upgrade = "";

	private String downgrade;

	private String fileName;

	ScriptFile(Path directory, String revision) {
		this.directory = directory;
		this.revision = revision;
		this.message = "Revision " + revision;
	}

	/**
	 * The message; default {@code Revision <id>}.
	 * @param message the message
	 * @return this builder
	 */
	public ScriptFile message(String message) {
		this.message = message;
		return this;
	}

	/**
	 * The comma-separated parents; default none.
	 * @param parents the parents or {@code null}
	 * @return this builder
	 */
	public ScriptFile parents(String parents) {
		this.parents = parents;
		return this;
	}

	/**
	 * The comma-separated dependencies; default none.
	 * @param dependsOn the dependencies or {@code null}
	 * @return this builder
	 */
	public ScriptFile dependsOn(String dependsOn) {
		this.dependsOn = dependsOn;
		return this;
	}

	/**
	 * The comma-separated branch labels ({@code branch_labels}); default none.
	 * @param branchLabels the labels or {@code null}
	 * @return this builder
	 */
	public ScriptFile branchLabels(String branchLabels) {
		this.branchLabels = branchLabels;
		return this;
	}

	/**
	 * Declares the script {@code transactional: false}.
	 * @return this builder
	 */
	public ScriptFile nonTransactional() {
		this.transactional = false;
		return this;
	}

	/**
	 * Declares whether the script's placeholders are replaced ({@code placeholders:}).
	 * @param placeholders whether they are
	 * @return this builder
	 */
	public ScriptFile placeholders(boolean placeholders) {
		this.placeholders = placeholders;
		return this;
	}

	/**
	 * The upgrade section.
	 * @param sql the SQL
	 * @return this builder
	 */
	public ScriptFile upgrade(String sql) {
		this.upgrade = sql;
		return this;
	}

	/**
	 * The downgrade section; {@code null} (the default) leaves it out.
	 * @param sql the SQL or {@code null}
	 * @return this builder
	 */
	public ScriptFile downgrade(String sql) {
		this.downgrade = sql;
		return this;
	}

	/**
	 * The file name; default {@code <revision>.sql}.
	 * @param fileName the file name
	 * @return this builder
	 */
	public ScriptFile fileName(String fileName) {
		this.fileName = fileName;
		return this;
	}

	/**
	 * The script's text.
	 * @return the text
	 */
	public String text() {
		StringBuilder text = new StringBuilder();
		text.append("-- ").append(this.message).append("\n--\n");
		text.append("-- revision: ").append(this.revision).append('\n');
		text.append("-- down_revision: ").append((this.parents != null) ? this.parents : "none").append('\n');
		if (this.dependsOn != null) {
			text.append("-- depends_on: ").append(this.dependsOn).append('\n');
		}
		if (this.branchLabels != null) {
			text.append("-- branch_labels: ").append(this.branchLabels).append('\n');
		}
		if (this.placeholders != null) {
			text.append("-- placeholders: ").append(this.placeholders).append('\n');
		}
		text.append("-- transactional: ").append(this.transactional).append("\n\n");
		text.append("-- upgrade\n").append(this.upgrade).append('\n');
		if (this.downgrade != null) {
			text.append("\n-- downgrade\n").append(this.downgrade).append('\n');
		}
		return text.toString();
	}

	/**
	 * Writes the script, replacing a file of the same name.
	 * @return the file
	 */
	public Path write() {
		Path file = this.directory.resolve((this.fileName != null) ? this.fileName : this.revision + ".sql");
		try {
			Files.writeString(file, text());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return file;
	}

}

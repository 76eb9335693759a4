package dev.migration.script;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import dev.migration.MigrationException;
import dev.migration.revision.Revision;

/**
 * Writes new SQL revision scripts in the format {@link SqlScriptParser} reads: the
 * header, then the upgrade and downgrade sections. Used by {@code create} and
 * {@code merge}; what it writes parses back to the same revision.
 */
public final class ScriptWriter {

	private static final int MAX_SLUG = 50;

	private static final SecureRandom RANDOM = new SecureRandom();

	private ScriptWriter() {
	}

	/**
	 * A fresh random revision id: 12 hexadecimal digits.
	 * @return the id
	 */
	public static String newRevisionId() {
		byte[] bytes = new byte[6];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	/**
	 * The slug of a message for a file name: lower-case ASCII letters, digits and
	 * {@code _}, at most 50 characters, never empty. Nothing of a path survives.
	 * @param message the message
	 * @return the slug
	 */
	public static String slug(String message) {
		String slug = (message != null) ? message.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_") : "";
		slug = slug.replaceAll("^_+|_+$", "");
		if (slug.length() > MAX_SLUG) {
			slug = slug.substring(0, MAX_SLUG).replaceAll("_+$", "");
		}
		return slug.isEmpty() ? "revision" : slug;
	}

	/**
	 * The text of a script.
	 * @param message the message, one line
	 * @param revision the revision id
	 * @param downRevisions the parents; empty for a root
	 * @param upgrade the upgrade section
	 * @param downgrade the downgrade section
	 * @return the script text
	 */
	public static String render(String message, String revision, List<String> downRevisions, String upgrade,
			String downgrade) {
		return render(message, revision, downRevisions, List.of(), upgrade, downgrade);
	}

	/**
	 * The text of a script that declares branch labels.
	 * @param message the message, one line
	 * @param revision the revision id
	 * @param downRevisions the parents; empty for a root
	 * @param branchLabels the branch labels it declares; none leaves the header entry
	 * out
	 * @param upgrade the upgrade section
	 * @param downgrade the downgrade section
	 * @return the script text
	 */
	public static String render(String message, String revision, List<String> downRevisions,
			List<String> branchLabels, String upgrade, String downgrade) {
		return render(message, revision, downRevisions, List.of(), branchLabels, upgrade, downgrade);
	}

	/**
	 * The text of a script that depends on other revisions and may declare branch
	 * labels.
	 * @param message the message, one line
	 * @param revision the revision id
	 * @param downRevisions the parents; empty for a root
	 * @param dependsOn the revisions it depends on ({@code depends_on}); none leaves the
	 * header entry out
	 * @param branchLabels the branch labels it declares; none leaves the header entry
	 * out
	 * @param upgrade the upgrade section
	 * @param downgrade the downgrade section
	 * @return the script text
	 */
	public static String render(String message, String revision, List<String> downRevisions, List<String> dependsOn,
			List<String> branchLabels, String upgrade, String downgrade) {
		return render(message, revision, downRevisions, dependsOn, branchLabels, true, upgrade, downgrade);
	}

	/**
	 * The text of a script that may run outside a transaction, depend on other
	 * revisions and declare branch labels.
	 * @param message the message, one line
	 * @param revision the revision id
	 * @param downRevisions the parents; empty for a root
	 * @param dependsOn the revisions it depends on ({@code depends_on}); none leaves the
	 * header entry out
	 * @param branchLabels the branch labels it declares; none leaves the header entry
	 * out
	 * @param transactional {@code false} to declare {@code -- transactional: false}, for
	 * statements that cannot run in a transaction, such as
	 * {@code CREATE INDEX CONCURRENTLY}
	 * @param upgrade the upgrade section
	 * @param downgrade the downgrade section
	 * @return the script text
	 */
	public static String render(String message, String revision, List<String> downRevisions, List<String> dependsOn,
			List<String> branchLabels, boolean transactional, String upgrade, String downgrade) {
		StringBuilder text = new StringBuilder();
		text.append("-- ").append(oneLine(message)).append('\n');
		text.append("--\n");
		text.append("-- revision: ").append(revision).append('\n');
		text.append("-- down_revision: ").append(downRevisions.isEmpty() ? "none" : String.join(", ", downRevisions))
			.append('\n');
		if (!dependsOn.isEmpty()) {
			text.append("-- depends_on: ").append(String.join(", ", dependsOn)).append('\n');
		}
		if (!branchLabels.isEmpty()) {
			text.append("-- branch_labels: ").append(String.join(", ", branchLabels)).append('\n');
		}
		if (!transactional) {
			text.append("-- transactional: false\n");
		}
		text.append('\n');
		text.append("-- upgrade\n").append(section(upgrade)).append('\n');
		text.append("-- downgrade\n").append(section(downgrade));
		return text.toString();
	}

	private static String oneLine(String message) {
		return (message != null) ? message.replaceAll("[\\r\\n]+", " ").strip() : "";
	}

	private static String section(String sql) {
		if (sql == null || sql.isBlank()) {
			return "";
		}
		String text = sql.strip() + "\n";
		return text;
	}

	/**
	 * Writes a new script as {@code <revision>_<slug>.sql} in a directory, never
	 * replacing a file.
	 * @param directory the directory, created if needed
	 * @param revision the revision id
	 * @param message the message, slugged for the file name
	 * @param content the script text
	 * @return the file written
	 * @throws MigrationException for an invalid revision id or if the file exists
	 */
	public static Path write(Path directory, String revision, String message, String content) {
		if (!Revision.isValidId(revision)) {
			throw new MigrationException("Invalid revision id '" + revision + "': use letters, digits and _");
		}
		Path root = directory.toAbsolutePath().normalize();
		Path file = root.resolve(revision + "_" + slug(message) + ".sql").normalize();
		if (!root.equals(file.getParent())) {
			throw new MigrationException("Refusing to write " + file + " outside " + root);
		}
		// Check the text before anything reaches the disk.
		SqlScriptParser.parse(file.toString(), content);
		try {
			Files.createDirectories(root);
			Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
		}
		catch (java.nio.file.FileAlreadyExistsException ex) {
			throw new MigrationException("Revision script " + file + " already exists", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
		return file;
	}

}

package dev.migration.authoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.migration.MigrationConfiguration;
import dev.migration.MigrationManager;
import dev.migration.revision.Revision;
import dev.migration.script.SqlScriptParser;
import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CreateOptions}: a chosen revision id and {@code depends_on} for every
 * way {@link MigrationAuthor} writes a revision, and bad values refused before anything
 * is written; templates and autogenerate on real PostgreSQL and DuckDB.
 */
class CreateOptionsTests {

	@TempDir
	Path directory;

	@Test
	void createWritesTheChosenIdAndTheResolvedDependencies() throws IOException {
		MigrationAuthor author = author(null);
		CreatedRevision users = author.create("Users", "base", List.of(), id("users1"));
		CreatedRevision audit = author.create("Audit", "base", List.of("audit"), CreateOptions.defaults());
		CreatedRevision orders = author.create("Orders", "users1", List.of(),
				id("orders_2").withDependsOn(List.of(audit.revision().substring(0, 6))));
		assertThat(users.revision()).isEqualTo("users1");
		assertThat(users.path().getFileName().toString()).isEqualTo("users1_users.sql");
		assertThat(orders.downRevisions()).containsExactly("users1");
		assertThat(orders.dependsOn()).containsExactly(audit.revision());
		assertThat(Files.readString(orders.path())).contains("-- revision: orders_2\n-- down_revision: users1\n"
				+ "-- depends_on: " + audit.revision() + "\n");
		Revision parsed = parse(orders.path());
		assertThat(parsed.id()).isEqualTo("orders_2");
		assertThat(parsed.dependsOn()).containsExactly(audit.revision());
	}

	@Test
	void dependenciesAreRepeatableOrCommaSeparatedTargetsAndGivenOnce() throws IOException {
		MigrationAuthor author = author(null);
		author.create("A", "base", List.of(), id("a1"));
		author.create("B", "base", List.of("billing"), id("b1"));
		author.create("C", "base", List.of(), id("c1"));
		CreatedRevision next = author.create("Next", "a1", List.of(), new CreateOptions(null,
				List.of("billing@head, c1", "b1")));
		assertThat(next.dependsOn()).containsExactly("b1", "c1");
		assertThat(parse(next.path()).dependsOn()).containsExactly("b1", "c1");
	}

	@Test
	void mergeTakesTheChosenIdAndDependencies() throws IOException {
		MigrationAuthor author = author(null);
		author.create("Root", "base", List.of(), id("r"));
		author.create("Left", "r", List.of(), id("left"));
		author.create("Right", "r", List.of(), id("right"));
		author.create("Other", "base", List.of("other"), id("o1"));
		CreatedRevision merge = author.merge("Join", List.of("left", "right"),
				id("join1").withDependsOn(List.of("o1")));
		assertThat(merge.revision()).isEqualTo("join1");
		Revision parsed = parse(merge.path());
		assertThat(parsed.downRevisions()).containsExactlyInAnyOrder("left", "right");
		assertThat(parsed.dependsOn()).containsExactly("o1");
	}

	@Test
	void badRevisionIdsAndUnknownDependenciesAreRefusedBeforeAnythingIsWritten() throws IOException {
		MigrationAuthor author = author(null);
		CreatedRevision first = author.create("First", "base", List.of(),
				id("abc123"));
		author.create("Billing", "base", List.of("billing"), id("bill1"));
		List<Path> before = sqlFiles();
		assertThatExceptionOfType(RevisionOptionException.class)
			.isThrownBy(() -> author.create("Bad", "abc123", List.of(), id("a-b")))
			.withMessage("Invalid revision id 'a-b': use only letters, digits and _");
		assertThatExceptionOfType(RevisionOptionException.class)
			.isThrownBy(() -> author.create("Bad", "abc123", List.of(), id("../x")))
			.withMessage("Invalid revision id '../x': use only letters, digits and _");
		assertThatExceptionOfType(RevisionOptionException.class)
			.isThrownBy(() -> author.create("Dup", "abc123", List.of(), id("abc123")))
			.withMessage("Revision id 'abc123' is already used by filesystem:" + first.path() + "; choose another");
		assertThatExceptionOfType(RevisionOptionException.class)
			.isThrownBy(() -> author.create("Head", null, List.of(), id("head")))
			.withMessage("Revision id 'head' is reserved for targets; choose another");
		assertThatExceptionOfType(RevisionOptionException.class)
			.isThrownBy(() -> author.create("Label", null, List.of(), id("billing")))
			.withMessageStartingWith("Revision id 'billing' is a branch label of revision 'bill1' (filesystem:");
		assertThatExceptionOfType(RevisionOptionException.class)
			.isThrownBy(() -> author.create("Dep", "abc123", List.of(), dependsOn("zz9")))
			.withMessageStartingWith("Unknown depends_on revision 'zz9': ")
			.withMessageContaining("'zz9'");
		assertThatExceptionOfType(RevisionOptionException.class)
			.isThrownBy(() -> author.merge("Join", List.of("abc123", "bill1"),
					id("bill1")))
			.withMessageStartingWith("Revision id 'bill1' is already used by filesystem:");
		assertThatExceptionOfType(RevisionOptionException.class)
			.isThrownBy(() -> author.create("Dep", "abc123", List.of(), dependsOn("shop@head")))
			.withMessageStartingWith("Unknown depends_on revision 'shop@head': ");
		assertThat(sqlFiles()).isEqualTo(before);
	}

	@DatabaseTest
	void templatesTakeTheChosenIdAndDependencies(TestDatabase database) throws IOException {
		MigrationAuthor author = author(database);
		author.create("Users", "base", List.of(), id("u1"));
		author.create("Audit", "base", List.of("audit"), id("au1"));
		CreatedRevision tags = author.create("Tags", "u1", List.of(), "create_table",
				Map.of("table", "tags", "columns", "id bigint pk"),
				id("tags_1").withDependsOn(List.of("au")));
		assertThat(tags.path().getFileName().toString()).isEqualTo("tags_1_tags.sql");
		assertThat(parse(tags.path()).dependsOn()).containsExactly("au1");
		MigrationManager manager = MigrationManager.create(database.dataSource(), configuration(database));
		assertThat(manager.migrate("tags_1").migrations()).extracting((migration) -> migration.revision())
			.containsExactlyInAnyOrder("u1", "au1", "tags_1")
			.endsWith("tags_1");
		assertThat(database.tables()).contains("tags");
		List<Path> before = sqlFiles();
		assertThatExceptionOfType(RevisionOptionException.class)
			.isThrownBy(() -> author.create("Again", "tags_1", List.of(), "drop_table", Map.of("table", "tags"),
					id("tags_1")))
			.withMessage("Revision id 'tags_1' is already used by filesystem:" + tags.path() + "; choose another");
		assertThat(sqlFiles()).isEqualTo(before);
	}

	@DatabaseTest
	void autogenerateTakesTheChosenIdAndDependencies(TestDatabase database) throws IOException {
		MigrationAuthor author = author(database, "CREATE TABLE notes (id integer PRIMARY KEY, body text);");
		author.create("Audit", "base", List.of("audit"), id("au1"));
		MigrationManager.create(database.dataSource(), configuration(database)).migrate("heads");
		CreatedRevision notes = author
			.create("Notes", true, id("notes1").withDependsOn(List.of("audit@head")))
			.orElseThrow();
		assertThat(notes.revision()).isEqualTo("notes1");
		assertThat(parse(notes.path()).dependsOn()).containsExactly("au1");
		assertThat(Files.readString(notes.path())).containsIgnoringCase("CREATE TABLE notes");
		List<Path> before = sqlFiles();
		assertThatExceptionOfType(RevisionOptionException.class)
			.isThrownBy(() -> author.create("Notes", true, dependsOn("nope")))
			.withMessageStartingWith("Unknown depends_on revision 'nope': ");
		assertThat(sqlFiles()).isEqualTo(before);
	}

	private static CreateOptions id(String revisionId) {
		return CreateOptions.builder().revisionId(revisionId).build();
	}

	private static CreateOptions dependsOn(String revision) {
		return CreateOptions.builder().dependsOn(revision).build();
	}

	private MigrationAuthor author(TestDatabase database) throws IOException {
		return author(database, "");
	}

	private MigrationAuthor author(TestDatabase database, String model) throws IOException {
		Path modelFile = Files.createDirectories(this.directory.resolve("model")).resolve("schema.sql");
		Files.writeString(modelFile, model);
		MigrationConfiguration configuration = (database != null) ? configuration(database)
				: MigrationConfiguration.builder().locations("filesystem:" + sources()).build();
		return MigrationAuthor.create((database != null) ? database.dataSource() : null, configuration, sources(),
				List.of("filesystem:" + modelFile));
	}

	private MigrationConfiguration configuration(TestDatabase database) {
		return MigrationConfiguration.builder()
			.locations("filesystem:" + sources())
			.schema(database.schema())
			.build();
	}

	private Path sources() {
		return this.directory.resolve("scripts");
	}

	private List<Path> sqlFiles() throws IOException {
		if (!Files.isDirectory(sources())) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(sources())) {
			return files.sorted().toList();
		}
	}

	private static Revision parse(Path path) throws IOException {
		return SqlScriptParser.parse(path.toString(), Files.readString(path)).revision();
	}

}

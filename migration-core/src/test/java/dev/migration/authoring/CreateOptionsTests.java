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
		CreatedRevision users = author.create("Users", "base", List.of(), CreateOptions.builder().revisionId("users1").build());
		CreatedRevision audit = author.create("Audit", "base", List.of("audit"), CreateOptions.defaults());
		CreatedRevision orders = author.create("Orders", "users1", List.of(),
				CreateOptions.builder().revisionId("orders_2").dependsOn(audit.revision().substring(0, 6)).build());
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
		author.create("A", "base", List.of(), CreateOptions.builder().revisionId("a1").build());
		author.create("B", "base", List.of("billing"), CreateOptions.builder().revisionId("b1").build());
		author.create("C", "base", List.of(), CreateOptions.builder().revisionId("c1").build());
		CreatedRevision next = author.create("Next", "a1", List.of(), new CreateOptions(null,
				List.of("billing@head, c1", "b1")));
		assertThat(next.dependsOn()).containsExactly("b1", "c1");
		assertThat(parse(next.path()).dependsOn()).containsExactly("b1", "c1");
	}

	@Test
	void mergeTakesTheChosenIdAndDependencies() throws IOException {
		MigrationAuthor author = author(null);
		author.create("Root", "base", List.of(), CreateOptions.builder().revisionId("r").build());
		author.create("Left", "r", List.of(), CreateOptions.builder().revisionId("left").build());
		author.create("Right", "r", List.of(), CreateOptions.builder().revisionId("right").build());
		author.create("Other", "base", List.of("other"), CreateOptions.builder().revisionId("o1").build());
		CreatedRevision merge = author.merge("Join", List.of("left", "right"),
				CreateOptions.builder().revisionId("join1").dependsOn("o1").build());
		assertThat(merge.revision()).isEqualTo("join1");
		Revision parsed = parse(merge.path());
		assertThat(parsed.downRevisions()).containsExactlyInAnyOrder("left", "right");
		assertThat(parsed.dependsOn()).containsExactly("o1");
	}

	@Test
	void badRevisionIdsAndUnknownDependenciesAreRefusedBeforeAnythingIsWritten() throws IOException {
		MigrationAuthor author = author(null);
		CreatedRevision first = author.create("First", "base", List.of(),
				CreateOptions.builder().revisionId("abc123").build());
		author.create("Billing", "base", List.of("billing"), CreateOptions.builder().revisionId("bill1").build());
		List<Path> before = sqlFiles();
		assertThatExceptionOfType(RevisionOptionException.class)
			.isThrownBy(() -> author.create("Bad", "abc123", List.of(), CreateOptions.builder().revisionId("a-b").build()))
			.withMessage("Invalid revision id 'a-b': use only letters, digits and _");
		assertThatExceptionOfType(RevisionOptionException.class)
			.isThrownBy(() -> author.create("Bad", "abc123", List.of(), CreateOptions.builder().revisionId("../x").build()))
			.withMessage("Invalid revision id '../x': use only letters, digits and _");
		assertThatExceptionOfType(RevisionOptionException.class)
			.isThrownBy(() -> author.create("Dup", "abc123", List.of(), CreateOptions.builder().revisionId("abc123").build()))
			.withMessage("Revision id 'abc123' is already used by filesystem:" + first.path() + "; choose another");
		assertThatExceptionOfType(RevisionOptionException.class)
			.isThrownBy(() -> author.create("Head", null, List.of(), CreateOptions.builder().revisionId("head").build()))
			.withMessage("Revision id 'head' is reserved for targets; choose another");
		assertThatExceptionOfType(RevisionOptionException.class)
			.isThrownBy(() -> author.create("Label", null, List.of(), CreateOptions.builder().revisionId("billing").build()))
			.withMessageStartingWith("Revision id 'billing' is a branch label of revision 'bill1' (filesystem:");
		assertThatExceptionOfType(RevisionOptionException.class)
			.isThrownBy(() -> author.create("Dep", "abc123", List.of(), CreateOptions.builder().dependsOn("zz9").build()))
			.withMessageStartingWith("Unknown depends_on revision 'zz9': ")
			.withMessageContaining("'zz9'");
		assertThatExceptionOfType(RevisionOptionException.class)
			.isThrownBy(() -> author.merge("Join", List.of("abc123", "bill1"),
					CreateOptions.builder().revisionId("bill1").build()))
			.withMessageStartingWith("Revision id 'bill1' is already used by filesystem:");
		assertThatExceptionOfType(RevisionOptionException.class)
			.isThrownBy(() -> author.create("Dep", "abc123", List.of(), CreateOptions.builder().dependsOn("shop@head").build()))
			.withMessageStartingWith("Unknown depends_on revision 'shop@head': ");
		assertThat(sqlFiles()).isEqualTo(before);
	}

	@DatabaseTest
	void templatesTakeTheChosenIdAndDependencies(TestDatabase database) throws IOException {
		MigrationAuthor author = author(database);
		author.create("Users", "base", List.of(), CreateOptions.builder().revisionId("u1").build());
		author.create("Audit", "base", List.of("audit"), CreateOptions.builder().revisionId("au1").build());
		CreatedRevision tags = author.create("Tags", "u1", List.of(), "create_table",
				Map.of("table", "tags", "columns", "id bigint pk"),
				CreateOptions.builder().revisionId("tags_1").dependsOn("au").build());
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
					CreateOptions.builder().revisionId("tags_1").build()))
			.withMessage("Revision id 'tags_1' is already used by filesystem:" + tags.path() + "; choose another");
		assertThat(sqlFiles()).isEqualTo(before);
	}

	@DatabaseTest
	void autogenerateTakesTheChosenIdAndDependencies(TestDatabase database) throws IOException {
		MigrationAuthor author = author(database, "CREATE TABLE notes (id integer PRIMARY KEY, body text);");
		author.create("Audit", "base", List.of("audit"), CreateOptions.builder().revisionId("au1").build());
		MigrationManager.create(database.dataSource(), configuration(database)).migrate("heads");
		CreatedRevision notes = author
			.create("Notes", true, CreateOptions.builder().revisionId("notes1").dependsOn("audit@head").build())
			.orElseThrow();
		assertThat(notes.revision()).isEqualTo("notes1");
		assertThat(parse(notes.path()).dependsOn()).containsExactly("au1");
		assertThat(Files.readString(notes.path())).containsIgnoringCase("CREATE TABLE notes");
		List<Path> before = sqlFiles();
		assertThatExceptionOfType(RevisionOptionException.class)
			.isThrownBy(() -> author.create("Notes", true, CreateOptions.builder().dependsOn("nope").build()))
			.withMessageStartingWith("Unknown depends_on revision 'nope': ");
		assertThat(sqlFiles()).isEqualTo(before);
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

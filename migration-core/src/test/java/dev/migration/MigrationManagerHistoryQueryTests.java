package dev.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.migration.testing.Database;
import dev.migration.testing.DatabaseTest;
import dev.migration.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MigrationManager#history(HistoryQuery)} on real databases: the
 * entries of a revision range, the SQL of each revision and the error of a failed
 * entry; a bad range refused without touching anything.
 */
class MigrationManagerHistoryQueryTests {

	private static final RollbackOptions UNCHECKED = RollbackOptions.defaults().withoutSafetyCheck();

	@DatabaseTest
	void aRangeKeepsTheEntriesOfItsRevisionsNewestFirst(TestDatabase database) {
		MigrationManager manager = threeRevisions(database);
		manager.migrate();
		manager.rollback("-1", UNCHECKED);
		assertThat(revisions(manager.history(HistoryQuery.all().withRange("r2:")))).containsExactly("r3", "r3", "r2");
		assertThat(revisions(manager.history(HistoryQuery.all().withRange(":r2")))).containsExactly("r2", "r1");
		assertThat(revisions(manager.history(HistoryQuery.all().withRange("-1:current")))).containsExactly("r2", "r1");
		assertThat(revisions(manager.history(HistoryQuery.all().withRange("base:heads").withLimit(2))))
			.containsExactly("r3", "r3");
		assertThat(manager.history(HistoryQuery.all())).extracting(HistoryRecord::entry)
			.isEqualTo(manager.history());
	}

	@DatabaseTest
	void withSqlEachEntryCarriesTheTextOfItsScript(TestDatabase database) throws IOException {
		MigrationManager manager = threeRevisions(database);
		manager.migrate("r1");
		List<HistoryRecord> records = manager.history(HistoryQuery.all().withSql());
		assertThat(records).singleElement().satisfies((record) -> {
			Path script = database.scriptDirectory().resolve(fileOf(database, "r1"));
			assertThat(record.sql()).isEqualTo(Files.readString(script));
			assertThat(record.sql()).contains("CREATE TABLE t_r1", "DROP TABLE t_r1");
			assertThat(record.sqlSource()).endsWith(fileOf(database, "r1") + ", as stored in the database when it was applied");
		});
		assertThat(manager.history(HistoryQuery.all())).singleElement()
			.satisfies((record) -> assertThat(record.sql()).isNull());
	}

	@DatabaseTest
	void anAppliedRevisionShowsTheScriptTheDatabaseStoredEvenWhenItsFileWasEditedOrDeleted(TestDatabase database)
			throws IOException {
		threeRevisions(database).migrate();
		Path r2 = database.scriptDirectory().resolve(fileOf(database, "r2"));
		String applied = Files.readString(r2);
		Files.writeString(r2, applied.replace("t_r2", "t_edited"));
		Files.delete(database.scriptDirectory().resolve(fileOf(database, "r3")));
		MigrationManager manager = database.manager((builder) -> builder.validateOnMigrate(false));
		HistoryRecord edited = manager.history(HistoryQuery.all().withRange("r2:r2").withSql()).get(0);
		assertThat(edited.sql()).isEqualTo(applied);
		assertThat(edited.sqlSource()).isEqualTo("filesystem:" + r2 + ", as stored in the database when it was applied "
				+ "(the file's checksum differs from the one logged: edited since)");
		HistoryRecord deleted = manager.history(HistoryQuery.all().withRange("r3:").withSql()).get(0);
		assertThat(deleted.entry().revision()).isEqualTo("r3");
		assertThat(deleted.sql()).contains("CREATE TABLE t_r3", "DROP TABLE t_r3");
		assertThat(deleted.sqlSource()).isEqualTo("as stored in the database when it was applied");
	}

	// DuckDB refuses a history of an earlier layout instead (DuckDbHistoryLayoutTests).
	@DatabaseTest(Database.POSTGRESQL)
	void aRevisionAppliedByAnEarlierReleaseShowsTheDowngradeTheDatabaseStored(TestDatabase database)
			throws IOException {
		threeRevisions(database).migrate();
		// A state table of an earlier release: no script text.
		database.execute("ALTER TABLE migration_history_state DROP COLUMN script_text");
		Files.delete(database.scriptDirectory().resolve(fileOf(database, "r3")));
		MigrationManager manager = database.manager();
		HistoryRecord record = manager.history(HistoryQuery.all().withRange("r3:").withSql()).get(0);
		assertThat(record.entry().revision()).isEqualTo("r3");
		assertThat(record.sql()).isEqualTo("-- downgrade\nDROP TABLE t_r3;");
		assertThat(record.sqlSource()).isEqualTo("the downgrade stored in the database");
		// The next write brings the table up to date; older rows keep no text.
		database.writeTable("r3", "r2");
		database.writeTable("r4", "r3");
		database.manager().migrate();
		assertThat(database.manager().history(HistoryQuery.all().withRange("r4:r4").withSql()).get(0).sqlSource())
			.endsWith(", as stored in the database when it was applied");
	}

	@DatabaseTest
	void aFailedEntryKeepsItsStoredErrorAndItsScriptsSql(TestDatabase database) {
		MigrationManager manager = threeRevisions(database);
		database.write("r4", "r3", "INSERT INTO no_such_table VALUES (1);", "SELECT 1;");
		manager = database.manager();
		MigrationFailedException failure = catchThrowable(manager);
		HistoryRecord failed = manager.history(HistoryQuery.all().withRange("r4:r4").withSql()).get(0);
		assertThat(failed.entry().success()).isFalse();
		assertThat(failed.entry().error()).isEqualTo(failure.getMessage()).contains("no_such_table");
		assertThat(failed.sql()).contains("INSERT INTO no_such_table");
	}

	@DatabaseTest
	void aBadRangeIsRefusedNamingTheSideAndChangesNothing(TestDatabase database) {
		MigrationManager manager = threeRevisions(database);
		manager.migrate("r2");
		List<HistoryEntry> before = manager.history();
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> manager.history(HistoryQuery.all().withRange("r1:nope")))
			.withMessageStartingWith("Invalid end 'nope' of revision range 'r1:nope': ");
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> manager.history(HistoryQuery.all().withRange("r1")))
			.withMessageStartingWith("Invalid revision range 'r1': expected START:END, START: or :END");
		assertThatExceptionOfType(TargetException.class)
			.isThrownBy(() -> manager.history(HistoryQuery.all().withRange("+5:")))
			.withMessageStartingWith("Invalid start '+5' of revision range '+5:': ");
		assertThat(manager.history()).isEqualTo(before);
		assertThat(manager.currentRevisions()).containsExactly("r2");
		assertThat(database.tables()).containsExactly("t_r1", "t_r2");
	}

	private static MigrationManager threeRevisions(TestDatabase database) {
		database.writeTable("r1", null);
		database.writeTable("r2", "r1");
		database.writeTable("r3", "r2");
		return database.manager();
	}

	private static MigrationFailedException catchThrowable(MigrationManager manager) {
		try {
			manager.migrate();
		}
		catch (MigrationFailedException ex) {
			return ex;
		}
		throw new AssertionError("The migration did not fail");
	}

	private static String fileOf(TestDatabase database, String revision) {
		try (var files = Files.list(database.scriptDirectory())) {
			return files.map(Path::getFileName)
				.map(Path::toString)
				.filter((name) -> name.startsWith(revision + "_") || name.equals(revision + ".sql"))
				.findFirst()
				.orElseThrow();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> revisions(List<HistoryRecord> records) {
		return records.stream().map((record) -> record.entry().revision()).toList();
	}

}

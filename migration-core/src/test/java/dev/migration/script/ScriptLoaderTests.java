package dev.migration.script;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migration.MigrationConfiguration;
import dev.migration.ScriptException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ScriptLoader}.
 */
class ScriptLoaderTests {

	private static final int MANY = 200;

	@TempDir
	Path directory;

	@Test
	void manyScriptsLoadInPathOrder() throws IOException {
		List<String> ids = new ArrayList<>();
		for (int i = MANY; i > 0; i--) {
			ids.add(0, write(i));
		}
		List<MigrationScript> scripts = loader().load();
		assertThat(scripts).extracting(MigrationScript::id).containsExactlyElementsOf(ids);
		assertThat(scripts.get(0).info().path()).isEqualTo("filesystem:" + this.directory + "/r0001_step.sql");
		assertThat(scripts.get(0).info().checksum())
			.isEqualTo(ScriptChecksum.of(Files.readString(this.directory.resolve("r0001_step.sql"))));
	}

	@Test
	void theFirstBadScriptInPathOrderIsReported() throws IOException {
		for (int i = 1; i <= MANY; i++) {
			write(i);
		}
		Path first = this.directory.resolve("r0070_step.sql");
		Files.writeString(first, "-- Step\n-- revison: r0070\n-- upgrade\nSELECT 1;\n");
		Files.writeString(this.directory.resolve("r0150_step.sql"), "-- Step\n-- revision: r0150\n");
		Files.writeString(this.directory.resolve("r0190_step.sql"), "-- Step\n-- revision: bad-id\n-- upgrade\n");
		assertThatExceptionOfType(ScriptException.class).isThrownBy(loader()::load)
			.withMessage("filesystem:" + first + ":2: unknown header key 'revison'; expected one of revision, "
					+ "down_revision, depends_on, branch_labels, transactional, placeholders, repeatable, lint");
	}

	@Test
	void scriptsInSubdirectoriesAndLinkedScriptsAreFound() throws IOException {
		Path scripts = Files.createDirectories(this.directory.resolve("scripts"));
		Path nested = Files.createDirectories(scripts.resolve("2024"));
		Files.writeString(nested.resolve("a1_first.sql"), "-- First\n-- revision: a1\n-- upgrade\nSELECT 1;\n");
		Path elsewhere = Files.createDirectories(this.directory.resolve("elsewhere"));
		Path target = Files.writeString(elsewhere.resolve("b1.sql"), "-- Second\n-- revision: b1\n-- upgrade\n");
		Files.createSymbolicLink(scripts.resolve("b1_second.sql"), target);
		Files.writeString(scripts.resolve("notes.txt"), "not a script");
		List<MigrationScript> loaded = new ScriptLoader(
				MigrationConfiguration.builder().locations("filesystem:" + scripts).build())
			.load();
		assertThat(loaded).extracting((script) -> script.info().path())
			.containsExactly("filesystem:" + scripts + "/2024/a1_first.sql", "filesystem:" + scripts + "/b1_second.sql");
	}

	@Test
	void aDirectoryNamedLikeAScriptIsScannedAsADirectory() throws IOException {
		write(1);
		Path named = Files.createDirectories(this.directory.resolve("r0002_more.sql"));
		Files.writeString(named.resolve("r0002_step.sql"), "-- Step 2\n-- revision: r0002\n-- upgrade\n");
		write(3);
		assertThat(loader().load()).extracting((script) -> script.info().path()).containsExactly(
				"filesystem:" + this.directory + "/r0001_step.sql",
				"filesystem:" + this.directory + "/r0002_more.sql/r0002_step.sql",
				"filesystem:" + this.directory + "/r0003_step.sql");
	}

	@Test
	void namesLikeScriptsThatAreNotFilesAreSkipped() throws IOException, InterruptedException {
		write(1);
		Path elsewhere = Files.createDirectories(this.directory.resolveSibling(this.directory.getFileName() + "-d"));
		Files.createSymbolicLink(this.directory.resolve("r0002_linked.sql"), elsewhere);
		Files.createSymbolicLink(this.directory.resolve("r0003_broken.sql"), this.directory.resolve("missing"));
		// A named pipe is never opened: opening one waits for a writer.
		Process mkfifo = new ProcessBuilder("mkfifo", this.directory.resolve("r0004_pipe.sql").toString()).start();
		assertThat(mkfifo.waitFor()).isZero();
		try {
			assertThat(loader().load()).extracting(MigrationScript::id).containsExactly("r0001");
		}
		finally {
			Files.delete(this.directory.resolve("r0002_linked.sql"));
			Files.delete(elsewhere);
		}
	}

	@Test
	void aScriptThatIsNotUtf8CannotBeRead() throws IOException {
		write(1);
		Path latin1 = this.directory.resolve("r0002_step.sql");
		Files.write(latin1, "-- Caf\u00e9\n-- revision: r0002\n-- upgrade\n".getBytes(StandardCharsets.ISO_8859_1));
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(loader()::load)
			.withMessage("Cannot read " + latin1);
	}

	@Test
	void aScriptWithAReplacementCharacterOfItsOwnIsRead() throws IOException {
		write(1);
		String text = "-- Unknown \uFFFD sign\n-- revision: r0002\n-- down_revision: r0001\n-- upgrade\nSELECT '\uFFFD';\n";
		Files.writeString(this.directory.resolve("r0002_step.sql"), text);
		MigrationScript script = loader().load().get(1);
		assertThat(script.info().message()).isEqualTo("Unknown \uFFFD sign");
		assertThat(script.info().checksum()).isEqualTo(ScriptChecksum.of(text));
	}

	@Test
	void scriptsOfAnySizeAreReadWhole() throws IOException {
		for (int size : new int[] { 0, 1023, 1024, 1025, 4096, 70_000 }) {
			String script = "-- Step\n-- revision: r" + size + "\n-- upgrade\nSELECT '" + "x".repeat(size) + "';\n";
			Path file = Files.writeString(this.directory.resolve("r" + size + ".sql"), script);
			MigrationScript loaded = loader().load().get(0);
			assertThat(loaded.info().checksum()).isEqualTo(ScriptChecksum.of(script));
			assertThat(loaded.sql().upgrade().get(0).sql()).hasSize(size + 9);
			Files.delete(file);
		}
	}

	@Test
	void aReplacementCharacterWrittenAsSuchIsRead() throws IOException {
		Files.writeString(this.directory.resolve("r0001_step.sql"), "-- Step \uFFFD\n-- revision: r0001\n-- upgrade\n");
		assertThat(loader().load()).extracting((script) -> script.info().message()).containsExactly("Step \uFFFD");
	}

	@Test
	void aBranchLabelDeclaredByTwoScriptsIsReportedWithBothFilesAndLines() throws IOException {
		Path first = labelled("a1", "billing");
		Path second = labelled("b1", "billing");
		assertThatExceptionOfType(ScriptException.class).isThrownBy(loader()::load)
			.withMessage("filesystem:" + second + ":4: branch label 'billing' is already declared by revision 'a1' "
					+ "(filesystem:" + first + ":4); a label names one branch")
			.satisfies((ex) -> assertThat(ex.getLine()).isEqualTo(4));
	}

	@Test
	void aBranchLabelEqualToARevisionIdIsReportedWithItsFileAndLine() throws IOException {
		Path other = labelled("a1", null);
		Path script = labelled("b1", "a1");
		assertThatExceptionOfType(ScriptException.class).isThrownBy(loader()::load)
			.withMessage("filesystem:" + script + ":4: branch label 'a1' is the id of revision 'a1' (filesystem:" + other
					+ "); choose another label");
	}

	@Test
	void branchLabelsOfDistinctScriptsLoad() throws IOException {
		labelled("a1", "billing");
		labelled("b1", "shop");
		assertThat(loader().load()).extracting((script) -> script.info().branchLabels())
			.containsExactly(List.of("billing"), List.of("shop"));
	}

	private Path labelled(String id, String label) throws IOException {
		Path file = this.directory.resolve(id + ".sql");
		Files.writeString(file, "-- Step\n--\n-- revision: " + id + "\n"
				+ ((label != null) ? "-- branch_labels: " + label + "\n" : "") + "-- upgrade\nSELECT 1;\n");
		return file;
	}

	private ScriptLoader loader() {
		return new ScriptLoader(MigrationConfiguration.builder().locations("filesystem:" + this.directory).build());
	}

	private String write(int number) throws IOException {
		String id = String.format("r%04d", number);
		String parent = (number > 1) ? String.format("r%04d", number - 1) : "none";
		Files.writeString(this.directory.resolve(id + "_step.sql"), "-- Step " + number + "\n--\n-- revision: " + id
				+ "\n-- down_revision: " + parent + "\n\n-- upgrade\nSELECT " + number + ";\n\n-- downgrade\nSELECT 0;\n");
		return id;
	}

}

package dev.migration.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migration.MigrationConfiguration;
import dev.migration.ScriptException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ScriptPrefetch}: scripts loaded ahead on another thread, or on the
 * caller's when nothing started them, once.
 */
class ScriptPrefetchTests {

	@TempDir
	Path directory;

	@Test
	void scriptsAreLoadedOnceWhetherPrefetchedOrNot() throws IOException {
		write("r1", "none");
		ScriptPrefetch prefetched = new ScriptPrefetch(configuration());
		prefetched.prefetch();
		prefetched.prefetch();
		LoadedScripts loaded = prefetched.get();
		assertThat(loaded.byId()).containsOnlyKeys("r1");
		assertThat(prefetched.get()).isSameAs(loaded);
		ScriptPrefetch direct = new ScriptPrefetch(configuration());
		assertThat(direct.get().byId()).containsOnlyKeys("r1");
	}

	@Test
	void prefetchAfterLoadingLoadsNothingAgain() throws IOException {
		write("r1", "none");
		ScriptPrefetch scripts = new ScriptPrefetch(configuration());
		LoadedScripts loaded = scripts.get();
		write("r2", "r1");
		scripts.prefetch();
		assertThat(scripts.get()).isSameAs(loaded);
	}

	@Test
	void aFailedPrefetchIsReportedAsThrownAndTheNextCallLoadsAgain() throws IOException {
		Path bad = this.directory.resolve("r1.sql");
		Files.writeString(bad, "-- First\n-- revison: r1\n-- upgrade\n");
		ScriptPrefetch scripts = new ScriptPrefetch(configuration());
		scripts.prefetch();
		assertThatExceptionOfType(ScriptException.class).isThrownBy(scripts::get)
			.withMessage("filesystem:" + bad + ":2: unknown header key 'revison'; expected one of revision, "
					+ "down_revision, depends_on, branch_labels, transactional, placeholders, repeatable, lint");
		write("r1", "none");
		assertThat(scripts.get().byId()).containsOnlyKeys("r1");
	}

	@Test
	void aCallerWaitingForAPrefetchOfManyScriptsGetsThemAllInOrder() throws IOException {
		String parent = "none";
		for (int i = 1; i <= 300; i++) {
			String id = String.format("r%03d", i);
			write(id, parent);
			parent = id;
		}
		for (int attempt = 0; attempt < 10; attempt++) {
			ScriptPrefetch scripts = new ScriptPrefetch(configuration());
			scripts.prefetch();
			LoadedScripts loaded = scripts.get();
			assertThat(loaded.byId()).hasSize(300);
			assertThat(loaded.graph().heads()).containsExactly("r300");
			assertThat(loaded.graph().revisions().get(0).id()).isEqualTo("r001");
		}
	}

	private MigrationConfiguration configuration() {
		return MigrationConfiguration.builder().locations("filesystem:" + this.directory).build();
	}

	private void write(String id, String parent) throws IOException {
		Files.writeString(this.directory.resolve(id + ".sql"),
				"-- Revision " + id + "\n-- revision: " + id + "\n-- down_revision: " + parent + "\n-- upgrade\n");
	}

}

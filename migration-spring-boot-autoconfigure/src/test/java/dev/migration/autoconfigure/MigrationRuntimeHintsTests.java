package dev.migration.autoconfigure;

import dev.migration.HistoryEntry;
import dev.migration.MigrationStatus;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MigrationRuntimeHints}.
 */
class MigrationRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	MigrationRuntimeHintsTests() {
		new MigrationRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
	}

	@Test
	void theScriptsOfTheDefaultLocationTheIndexesAndTheModelAreResources() {
		assertThat(RuntimeHintsPredicates.resource().forResource("db/migration/a1_create_users.sql")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("db/migration/2026/b1_more.sql")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("db/migration/notes.txt")).rejects(this.hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("migration-index/db/migration.idx"))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("db/schema.sql")).accepts(this.hints);
	}

	@Test
	void theEndpointsResponsesAreBoundToJsonWithTheRecordsInside() {
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(MigrationsEndpoint.MigrationsDescriptor.class, "state")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(MigrationsEndpoint.PendingDescriptor.class, "path")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(MigrationsEndpoint.HistoryEntryDescriptor.class, "revision")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(MigrationsEndpoint.ProblemDescriptor.class, "detail")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(MigrationsEndpointWebExtension.AppliedDescriptor.class, "duration")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(MigrationInstancesEndpoint.InstanceDescriptor.class, "pending")).accepts(this.hints);
	}

	@Test
	void theEngineRecordsTheCommandsWriteAreBoundToJson() {
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(MigrationStatus.class, "pending"))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(HistoryEntry.class, "revision"))
			.accepts(this.hints);
	}

	@Test
	void thePropertiesAreBound() {
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(MigrationProperties.class, "setLocations"))
			.accepts(this.hints);
	}

	@Test
	void theDuckDbDriverTheStarterCreatesByNameCanBeConstructed() {
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of(DuckDbPreloader.DRIVER_CLASS))
			.withMemberCategory(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS)).accepts(this.hints);
	}

}

package dev.migration.autoconfigure;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import dev.migration.autoconfigure.indexed.IndexedJavaMigration;
import dev.migration.script.ScriptIndex;
import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ScriptIndexAotProcessor}: a context processed ahead of time as
 * {@code spring-boot:process-aot} does, the starter's processors found through
 * {@code META-INF/spring/aot.factories}.
 */
class ScriptIndexAotProcessorTests {

	private static final String INDEXED = "dev/migration/autoconfigure/indexed";

	@Test
	void theStarterRegistersItsHintsAndItsProcessorForAheadOfTimeProcessing() {
		AotServices.Loader loader = AotServices.factories(getClass().getClassLoader());
		assertThat(loader.load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(MigrationRuntimeHints.class);
		assertThat(loader.load(BeanFactoryInitializationAotProcessor.class))
			.hasAtLeastOneElementOfType(ScriptIndexAotProcessor.class);
	}

	@Test
	void eachClasspathLocationGetsAnIndexOfItsScriptsAndJavaMigrations() throws IOException {
		Processed processed = process("migration.locations=classpath:db/migration, classpath:" + INDEXED
				+ ", filesystem:build/nowhere");
		assertThat(processed.indexes()).containsOnlyKeys("migration-index/db/migration.idx",
				"migration-index/" + INDEXED + ".idx");
		assertThat(processed.entries("migration-index/db/migration.idx"))
			.containsExactly("a1_create_users.sql", "a2_add_email.sql");
		assertThat(processed.entries("migration-index/" + INDEXED + ".idx"))
			.containsExactly("IndexedJavaMigration.class", "c1_indexed.sql");
	}

	@Test
	void eachIndexedScriptAndJavaMigrationGetsItsHints() {
		RuntimeHints hints = process("migration.locations=classpath:" + INDEXED).hints();
		assertThat(RuntimeHintsPredicates.resource().forResource("migration-index/" + INDEXED + ".idx"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource(INDEXED + "/c1_indexed.sql")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(IndexedJavaMigration.class)
			.withMemberCategory(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS)).accepts(hints);
	}

	@Test
	void theLocationsOfEveryInstanceAreIndexed() throws IOException {
		Processed processed = process("migration.instances.reporting.url=jdbc:duckdb:",
				"migration.instances.reporting.locations=classpath:db/migration",
				"migration.instances.analytics.url=jdbc:duckdb:",
				"migration.instances.analytics.locations=classpath:" + INDEXED);
		assertThat(processed.indexes()).containsOnlyKeys("migration-index/db/migration.idx",
				"migration-index/" + INDEXED + ".idx");
	}

	@Test
	void theBeansOfEveryInstanceAreGeneratedAheadOfTime() throws IOException {
		GenericApplicationContext context = new GenericApplicationContext();
		TestPropertyValues.of("migration.instances.reporting.url=jdbc:duckdb:",
				"migration.instances.analytics.url=jdbc:duckdb:", "migration.instances.analytics.auto-migrate=false")
			.applyTo(context);
		AnnotationConfigUtils.registerAnnotationConfigProcessors(context);
		context.registerBean(MigrationAutoConfiguration.class);
		InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
		DefaultGenerationContext generationContext = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get("com.example", "ExampleApplication")), files);
		new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
		generationContext.writeGeneratedContent();
		StringBuilder sources = new StringBuilder();
		for (String name : files.getGeneratedFiles(Kind.SOURCE).keySet()) {
			sources.append(files.getGeneratedFileContent(Kind.SOURCE, name)).append('\n');
		}
		assertThat(sources.toString()).contains("\"reportingMigrationManager\"", "\"analyticsMigrationManager\"",
				"\"reportingMigrationRunner\"", "\"migrationInstances\"")
			.contains("new AutowireCandidateQualifier(\"org.springframework.beans.factory.annotation.Qualifier\", "
					+ "\"analytics\")")
			.doesNotContain("\"analyticsMigrationRunner\"", "\"migrationManager\"");
	}

	@Test
	void theDefaultLocationIsIndexedWhenNoneIsConfigured() throws IOException {
		Processed processed = process();
		assertThat(processed.indexes()).containsOnlyKeys("migration-index/db/migration.idx");
	}

	@Test
	void aLocationWithNothingInItAtBuildTimeGetsNoIndex() {
		assertThat(process("migration.locations=classpath:db/nothing-here").indexes()).isEmpty();
	}

	private Processed process(String... properties) {
		GenericApplicationContext context = new GenericApplicationContext();
		TestPropertyValues.of(properties).applyTo(context);
		InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
		DefaultGenerationContext generationContext = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get("com.example", "ExampleApplication")), files);
		new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
		return new Processed(files, generationContext.getRuntimeHints());
	}

	/**
	 * What processing a context wrote.
	 */
	private record Processed(InMemoryGeneratedFiles files, RuntimeHints hints) {

		Map<String, ?> indexes() {
			Map<String, ?> resources = new java.util.TreeMap<>(this.files.getGeneratedFiles(Kind.RESOURCE));
			resources.keySet().removeIf((name) -> !name.startsWith(ScriptIndex.DIRECTORY));
			return resources;
		}

		List<String> entries(String index) throws IOException {
			return this.files.getGeneratedFileContent(Kind.RESOURCE, index)
				.lines()
				.filter((line) -> !line.startsWith("#"))
				.toList();
		}

	}

}

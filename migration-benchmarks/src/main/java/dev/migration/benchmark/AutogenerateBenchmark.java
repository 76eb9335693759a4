package dev.migration.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.migration.MigrationManager;
import dev.migration.authoring.MigrationAuthor;
import dev.migration.operation.Operation;

/**
 * {@code autogenerate}: comparing a declared model of many tables with a database at
 * head, as {@code create --autogenerate} and {@code verify --drift} do: the model is
 * loaded into a scratch database, both sides are introspected and compared. The
 * database and the model agree, so every run must find no difference. There is no
 * floor: the figure is the engine's alone.
 */
final class AutogenerateBenchmark {

	private final BenchmarkOptions options;

	private final Database database;

	private final Path directory;

	AutogenerateBenchmark(BenchmarkOptions options, Database database, Path directory) {
		this.options = options;
		this.database = database;
		this.directory = directory;
	}

	List<ResultRow> run() throws Exception {
		int tables = this.options.quick() ? 10 : 200;
		Path root = Files.createDirectories(this.directory.resolve("autogenerate-" + this.database.label()));
		Path scripts = Files.createDirectories(root.resolve("scripts"));
		String ddl = model(tables);
		Files.writeString(scripts.resolve("m0001_model.sql"),
				"-- Create the model's tables\n--\n-- revision: m0001\n-- down_revision: none\n\n-- upgrade\n" + ddl
						+ "\n-- downgrade\n" + drops(tables));
		Path model = Files.writeString(root.resolve("schema.sql"), ddl);
		try (Workspace workspace = Workspace.create(this.database, this.options.postgresUrl(), this.directory)) {
			MigrationManager.create(workspace.dataSource(), workspace.configuration(scripts)).migrate();
			MigrationAuthor author = MigrationAuthor.create(workspace.dataSource(), workspace.configuration(scripts),
					root.resolve("new"), List.of("filesystem:" + model));
			String label = "autogenerate " + this.database.label() + " N=" + tables;
			for (int i = 0; i < this.options.warmups(); i++) {
				Progress.report(label + " warm-up " + (i + 1) + "/" + this.options.warmups());
				drift(author);
			}
			List<Long> times = new ArrayList<>();
			for (int i = 0; i < this.options.reps(); i++) {
				Progress.report(label + " run " + (i + 1) + "/" + this.options.reps());
				long start = System.nanoTime();
				drift(author);
				times.add(System.nanoTime() - start);
			}
			return List.of(ResultRow.info("autogenerate (model at head)", this.database.label(), String.valueOf(tables),
					Figure.millis(new Timings(times)), null));
		}
	}

	private static void drift(MigrationAuthor author) {
		List<Operation> differences = author.drift();
		if (!differences.isEmpty()) {
			throw new IllegalStateException("The model and the database at head should agree, but differ by "
					+ differences.stream().map(Operation::describe).toList());
		}
	}

	/**
	 * Tables with a primary key, a not-null column, an index, and every tenth a foreign
	 * key to the one before.
	 */
	private static String model(int tables) {
		StringBuilder ddl = new StringBuilder();
		for (int i = 1; i <= tables; i++) {
			ddl.append("CREATE TABLE t").append(i).append(" (\n    id BIGINT PRIMARY KEY,\n")
				.append("    name VARCHAR(100) NOT NULL,\n    created_at TIMESTAMP,\n    amount NUMERIC(10, 2)");
			if (i % 10 == 0) {
				ddl.append(",\n    previous_id BIGINT REFERENCES t").append(i - 1).append(" (id)");
			}
			ddl.append("\n);\nCREATE INDEX ix_t").append(i).append("_name ON t").append(i).append(" (name);\n");
		}
		return ddl.toString();
	}

	private static String drops(int tables) {
		StringBuilder ddl = new StringBuilder();
		for (int i = tables; i >= 1; i--) {
			ddl.append("DROP TABLE t").append(i).append(";\n");
		}
		return ddl.toString();
	}

}

package dev.migration.benchmark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the rows as an aligned text table, then what the figures mean.
 */
final class ResultTable {

	private static final String[] HEADERS = { "workload", "db", "N", "ours", "floor", "ratio", "target", "result" };

	private static final int WIDEST_ALIGNED = 48;

	private final List<ResultRow> rows;

	ResultTable(List<ResultRow> rows) {
		this.rows = List.copyOf(rows);
	}

	void print(PrintStream out, BenchmarkOptions options) {
		List<String[]> lines = new ArrayList<>();
		lines.add(HEADERS);
		for (ResultRow row : this.rows) {
			lines.add(new String[] { row.workload(), row.database(), row.size(), row.ours().toString(),
					(row.floor() != null) ? row.floor().toString() : "-", row.ratioText(),
					row.target().isEmpty() ? "-" : row.target(),
					(row.verdict() != null) ? row.verdict().name() : "" });
		}
		int[] widths = new int[HEADERS.length];
		for (String[] line : lines) {
			for (int i = 0; i < line.length; i++) {
				// An anchor's error runs past its column rather than widen it for every row.
				if (line[i].length() <= WIDEST_ALIGNED) {
					widths[i] = Math.max(widths[i], line[i].length());
				}
			}
		}
		out.println();
		out.println("Migration benchmarks: median of " + options.reps() + " run(s) (spring-start: "
				+ options.startReps() + " a side) after " + options.warmups() + " warm-up round(s)"
				+ (options.quick() ? " (QUICK smoke run: sizes are tiny, figures mean nothing)" : ""));
		for (String[] line : lines) {
			StringBuilder text = new StringBuilder();
			for (int i = 0; i < line.length; i++) {
				text.append(String.format("%-" + widths[i] + "s", line[i]));
				if (i < line.length - 1) {
					text.append("  ");
				}
			}
			out.println(text.toString().stripTrailing());
		}
		out.println();
		out.println("ours/floor: the engine against plain JDBC running the same statements, one transaction per "
				+ "migration, no bookkeeping,");
		out.println("alternating on the same database in this run. ±x% = half the min-max range over the runs. "
				+ "\"fresh JVM\" rows time a child");
		out.println("JVM from its main() to done; the others are in-process. statements = execute*/addBatch calls "
				+ "+ commits, per migration.");
		out.println("\"vs flyway\", \"vs liquibase\": the anchor runs the same statements in its own format, in "
				+ "turn with ours and the floor;");
		out.println("its figure stands in the floor column, the ratio is ours over the anchor's, and the target "
				+ "column holds the anchor's own");
		out.println("ratio to the floor, or the error that stopped it.");
		long misses = this.rows.stream().filter((row) -> row.verdict() == Verdict.MISS).count();
		long passes = this.rows.stream().filter((row) -> row.verdict() == Verdict.PASS).count();
		out.println("Targets: " + passes + " PASS, " + misses + " MISS.");
	}

}

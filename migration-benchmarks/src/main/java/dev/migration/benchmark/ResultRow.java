package dev.migration.benchmark;

import java.util.Locale;

/**
 * One line of the result table.
 *
 * @param workload what was measured
 * @param database the database, or {@code -}
 * @param size the number of migrations or revisions
 * @param ours the engine's figure
 * @param floor the floor's figure, {@code null} when there is none
 * @param ratio ours over the floor (or a scaling factor), {@code NaN} when there is none
 * @param target the target, empty for information only
 * @param verdict whether the target is met, {@code null} when there is no target
 */
record ResultRow(String workload, String database, String size, Figure ours, Figure floor, double ratio,
		String target, Verdict verdict) {

	static ResultRow info(String workload, String database, String size, Figure ours, Figure floor) {
		double ratio = (floor != null && floor.value() > 0) ? ours.value() / floor.value() : Double.NaN;
		return new ResultRow(workload, database, size, ours, floor, ratio, "", null);
	}

	ResultRow withTarget(String target, boolean met) {
		return new ResultRow(this.workload, this.database, this.size, this.ours, this.floor, this.ratio, target,
				Verdict.of(met));
	}

	String ratioText() {
		return Double.isNaN(this.ratio) ? "-" : String.format(Locale.ROOT, "%.2fx", this.ratio);
	}

}

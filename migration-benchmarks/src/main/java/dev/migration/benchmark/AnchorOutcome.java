package dev.migration.benchmark;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What an anchor measured in a workload, or why it could not do it.
 *
 * @param anchor the anchor
 * @param times its measurements, {@code null} when it failed
 * @param error the error that stopped it, {@code null} when it ran
 */
record AnchorOutcome(Anchor anchor, Timings times, String error) {

	static AnchorOutcome measured(Anchor anchor, List<Long> times) {
		return new AnchorOutcome(anchor, new Timings(times), null);
	}

	static AnchorOutcome failed(Anchor anchor, Throwable error) {
		return new AnchorOutcome(anchor, null, describe(error));
	}

	/**
	 * The row comparing the engine with this anchor: the anchor's figure stands in the
	 * floor's column and the ratio is the engine's over the anchor's; the anchor's own
	 * ratio to the floor goes in the target column. When the anchor failed, its error does.
	 * @param workload the workload's row name
	 * @param database the database
	 * @param size the size
	 * @param ours the engine's figure
	 * @param floor the floor's figure, {@code null} when the workload has none
	 * @param figure how to print a measurement of this workload
	 * @return the row
	 */
	ResultRow row(String workload, String database, String size, Figure ours, Figure floor,
			Function<Timings, Figure> figure) {
		String name = workload + " vs " + this.anchor.label();
		if (this.times == null) {
			return new ResultRow(name, database, size, ours, null, Double.NaN,
					this.anchor.label() + " cannot: " + this.error, null);
		}
		Figure theirs = figure.apply(this.times);
		ResultRow row = ResultRow.info(name, database, size, ours, theirs);
		String own = (floor != null && floor.value() > 0)
				? String.format(Locale.ROOT, "%s/floor %.2fx", this.anchor.label(), theirs.value() / floor.value())
				: "-";
		return new ResultRow(row.workload(), database, size, ours, theirs, row.ratio(), own, null);
	}

	/**
	 * An error on one line: the type and message of its root cause, where the tools put
	 * what actually went wrong under several wrappers.
	 */
	static String describe(Throwable error) {
		Throwable root = error;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage().strip().lines().findFirst().orElse("") : "";
		return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
	}

}

package dev.migration.benchmark;

import java.util.Locale;

/**
 * A value to print: a median with its spread and unit.
 *
 * @param value the median, in {@code unit}
 * @param spread half the range relative to the median, {@code NaN} for a single or
 * exact value
 * @param unit {@code ms}, {@code MB} or empty for a count
 */
record Figure(double value, double spread, String unit) {

	static Figure millis(Timings nanos) {
		return new Figure(nanos.median() / 1e6, spreadOf(nanos), "ms");
	}

	static Figure megabytes(Timings bytes) {
		return new Figure(bytes.median() / (1024.0 * 1024.0), spreadOf(bytes), "MB");
	}

	static Figure count(double value) {
		return new Figure(value, Double.NaN, "");
	}

	private static double spreadOf(Timings timings) {
		return (timings.values().size() > 1) ? timings.spread() : Double.NaN;
	}

	@Override
	public String toString() {
		String number = (this.unit.isEmpty() || this.value < 10) ? "%.2f" : (this.value < 1000) ? "%.1f" : "%.0f";
		String text = String.format(Locale.ROOT, number, this.value) + (this.unit.isEmpty() ? "" : " " + this.unit);
		return Double.isNaN(this.spread) ? text : text + String.format(Locale.ROOT, " ±%.0f%%", this.spread * 100);
	}

}

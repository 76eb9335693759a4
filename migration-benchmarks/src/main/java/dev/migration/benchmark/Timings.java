package dev.migration.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Repeated measurements of one thing, in nanoseconds (or bytes, or counts).
 *
 * @param values the measurements, in the order taken
 */
record Timings(List<Long> values) {

	Timings {
		if (values.isEmpty()) {
			throw new IllegalArgumentException("No measurement");
		}
		values = List.copyOf(values);
	}

	double median() {
		List<Long> sorted = sorted();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
	}

	/**
	 * Half the range, relative to the median: {@code 0.03} means every measurement lies
	 * within about 3% of the median.
	 * @return the relative spread
	 */
	double spread() {
		List<Long> sorted = sorted();
		double median = median();
		return (median == 0) ? 0 : (sorted.get(sorted.size() - 1) - sorted.get(0)) / 2.0 / median;
	}

	private List<Long> sorted() {
		List<Long> sorted = new ArrayList<>(this.values);
		Collections.sort(sorted);
		return sorted;
	}

}

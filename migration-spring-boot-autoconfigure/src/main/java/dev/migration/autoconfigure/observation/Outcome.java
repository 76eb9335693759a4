package dev.migration.autoconfigure.observation;

import org.jspecify.annotations.Nullable;

/**
 * The {@code outcome} value of both observations: {@code failure} once an error is
 * recorded, {@code success} once a result is, {@code unknown} while it runs.
 */
final class Outcome {

	private Outcome() {
	}

	static String of(@Nullable Throwable error, @Nullable Object result) {
		if (error != null) {
			return "failure";
		}
		return (result != null) ? "success" : "unknown";
	}

}

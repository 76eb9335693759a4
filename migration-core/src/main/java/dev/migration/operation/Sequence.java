package dev.migration.operation;

import java.util.Objects;

/**
 * A sequence of its own, as used by {@code DEFAULT nextval('seq')}. The sequences
 * behind PostgreSQL serial and identity columns belong to their column and are not
 * listed.
 *
 * @param name the sequence name, unquoted
 * @param start the first value
 * @param increment the step
 */
public record Sequence(String name, long start, long increment) {

	public Sequence {
		Objects.requireNonNull(name, "name");
	}

}

package dev.migration;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One head was needed and the scripts have several: to resolve {@code head} (or a
 * target relative to it), or to choose the parent of a new revision. The heads join in
 * a merge revision; the message says how a Java caller writes one, and
 * {@link #getHeads()} lets a command line name its own command.
 */
public class MultipleHeadsException extends TargetException {

	private static final long serialVersionUID = 1L;

	private final List<String> heads;

	private final @Nullable String target;

	/**
	 * Creates an exception.
	 * @param message what is wrong and what to do
	 * @param heads the heads, at least two
	 * @param target the target that needs one head, or {@code null} when a new revision
	 * needs one parent
	 */
	public MultipleHeadsException(String message, List<String> heads, @Nullable String target) {
		super(message);
		this.heads = List.copyOf(heads);
		this.target = target;
	}

	/**
	 * The heads, in the order the revision graph lists them.
	 * @return the head revision ids
	 */
	public List<String> getHeads() {
		return this.heads;
	}

	/**
	 * The target that needed one head, such as {@code head} or {@code head-1}.
	 * @return the target, or {@code null} when a new revision needed one parent
	 */
	public @Nullable String getTarget() {
		return this.target;
	}

}

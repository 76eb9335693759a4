package dev.migration.revision;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.migration.TargetException;

/**
 * A parsed target expression, not yet resolved against a graph.
 *
 * @param text the target as given, stripped of surrounding whitespace
 * @param kind what the target designates
 * @param reference for {@link Kind#REVISION}, {@code head}, a revision id or prefix, or
 * {@code base} (with a positive step count only)
 * @param steps the signed step count of {@code +N}, {@code -N}, {@code <rev>+N},
 * {@code <rev>-N} and {@code base+N}; {@code 0} when there is none
 * @param branch the branch label of {@code <label>@head}, {@code <label>@base},
 * {@code <label>@+N} and {@code <label>@-N}, which make a {@link Kind#HEAD},
 * {@link Kind#BASE} or {@link Kind#RELATIVE} target within that branch; {@code null}
 * otherwise
 */
record Target(String text, Kind kind, String reference, int steps, String branch) {

	/**
	 * A target on the whole graph, not on a branch.
	 * @param text the target as given
	 * @param kind what the target designates
	 * @param reference the revision reference, or {@code null}
	 * @param steps the signed step count, or {@code 0}
	 */
	Target(String text, Kind kind, String reference, int steps) {
		this(text, kind, reference, steps, null);
	}

	static final String HEAD = "head";

	static final String HEADS = "heads";

	static final String BASE = "base";

	private static final int MAX_QUOTED_LENGTH = 100;


	/**
	 * Parse a target expression.
	 * @param text the target as the user wrote it
	 * @return the parsed target
	 * @throws TargetException if the target is empty or malformed
	 */
	static Target parse(String text) {
		if (text == null || text.isBlank()) {
			throw new TargetException("Empty target");
		}
		String target = text.strip();
		int at = target.indexOf('@');
		if (at >= 0) {
			return parseBranch(target, target.substring(0, at), target.substring(at + 1));
		}
		switch (target) {
			case HEAD:
				return new Target(target, Kind.HEAD, null, 0);
			case HEADS:
				return new Target(target, Kind.HEADS, null, 0);
			case BASE:
				return new Target(target, Kind.BASE, null, 0);
			default:
				break;
		}
		Matcher relative = Syntax.RELATIVE.matcher(target);
		if (relative.matches()) {
			return new Target(target, Kind.RELATIVE, null, steps(target, relative.group(1), relative.group(2)));
		}
		Matcher revision = Syntax.REVISION.matcher(target);
		if (!revision.matches()) {
			throw new TargetException("Invalid target " + quote(target)
					+ ": expected head, heads, base, a revision id or prefix (letters, digits and '_'), "
					+ "+N, -N, <rev>+N, <rev>-N, base+N, or <label>@head, <label>@base, <label>@+N, <label>@-N");
		}
		String reference = revision.group(1);
		if (revision.group(2) == null) {
			return new Target(target, Kind.REVISION, reference, 0);
		}
		if (reference.equals(HEADS)) {
			throw new TargetException("Invalid target " + quote(target) + ": 'heads' takes no step count");
		}
		int steps = steps(target, revision.group(2), revision.group(3));
		if (reference.equals(BASE) && steps < 0) {
			// Nothing is below base; base+N counts up from it.
			throw new TargetException("Invalid target " + quote(target) + ": nothing is below 'base'; use base+N "
					+ "for N revisions above it");
		}
		return new Target(target, Kind.REVISION, reference, steps);
	}

	/**
	 * Parses {@code <label>@head}, {@code <label>@base}, {@code <label>@+N} and
	 * {@code <label>@-N}.
	 */
	private static Target parseBranch(String target, String label, String position) {
		if (!Revision.isValidBranchLabel(label)) {
			throw new TargetException("Invalid target " + quote(target) + ": the branch label " + quote(label)
					+ " may hold only letters, digits, '_' and '-', and no leading '-'");
		}
		switch (position) {
			case HEAD:
				return new Target(target, Kind.HEAD, null, 0, label);
			case BASE:
				return new Target(target, Kind.BASE, null, 0, label);
			default:
				break;
		}
		Matcher relative = Syntax.RELATIVE.matcher(position);
		if (relative.matches()) {
			return new Target(target, Kind.RELATIVE, null, steps(target, relative.group(1), relative.group(2)),
					label);
		}
		throw new TargetException("Invalid target " + quote(target) + ": after '" + label
				+ "@' expected head, base, +N or -N");
	}

	private static int steps(String target, String sign, String count) {
		if (Syntax.COUNT.matcher(count).matches()) {
			try {
				int steps = Integer.parseInt(count);
				if (steps > 0) {
					return sign.equals("+") ? steps : -steps;
				}
			}
			catch (NumberFormatException ex) {
				// Too large: reported below
			}
		}
		throw new TargetException("Invalid target " + quote(target)
				+ ": the step count must be a whole number from 1 to " + Integer.MAX_VALUE);
	}

	/**
	 * Quote a value for an error message: single quotes around it, cut to 100
	 * characters, control and formatting characters (line breaks, bidi overrides)
	 * escaped so that a hostile value cannot forge log lines or hide its content.
	 * @param value the value, possibly hostile
	 * @return the quoted value
	 */
	static String quote(String value) {
		if (value == null) {
			return "null";
		}
		StringBuilder quoted = new StringBuilder("'");
		int[] codePoints = value.codePoints().toArray();
		int length = Math.min(codePoints.length, MAX_QUOTED_LENGTH);
		for (int i = 0; i < length; i++) {
			int codePoint = codePoints[i];
			if (Character.isISOControl(codePoint) || Character.getType(codePoint) == Character.FORMAT) {
				quoted.append(String.format("\\u%04X", codePoint));
			}
			else {
				quoted.appendCodePoint(codePoint);
			}
		}
		if (codePoints.length > MAX_QUOTED_LENGTH) {
			quoted.append("...");
		}
		return quoted.append('\'').toString();
	}

	/**
	 * The syntax of the other targets, compiled when first needed: a start migrates to
	 * {@code head}, which needs none of it.
	 */
	private static final class Syntax {

		static final Pattern RELATIVE = Pattern.compile("([+-])(.*)", Pattern.DOTALL);

		static final Pattern REVISION = Pattern.compile("([A-Za-z0-9_]+)(?:([+-])(.*))?", Pattern.DOTALL);

		static final Pattern COUNT = Pattern.compile("[0-9]+");

	}

	/**
	 * What a target designates.
	 */
	enum Kind {

		/**
		 * The single head, or with a branch label the branch's single head.
		 */
		HEAD,

		/**
		 * Every head.
		 */
		HEADS,

		/**
		 * Before the first revision, or with a branch label before the branch: without
		 * the revision that declares the label and everything above it.
		 */
		BASE,

		/**
		 * A number of steps from the applied revisions: {@code +N} or {@code -N}, or with
		 * a branch label that many revisions of the branch.
		 */
		RELATIVE,

		/**
		 * A revision: {@code head}, an id or a prefix, possibly with a step count, or
		 * {@code base+N}.
		 */
		REVISION

	}

}

package dev.migration;

import java.io.Serializable;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A rollback (or repair) was refused by its safety checks before anything ran. Every
 * failed check is listed, not just the first, each with what to do about it in the Java
 * API's terms; {@link #getRefusals()} gives each check's data, for a command line or an
 * endpoint to say the same in its own terms.
 */
public class RollbackRefusedException extends MigrationException {

	private static final long serialVersionUID = 1L;

	private final List<String> failures;

	private final List<Refusal> refusals;

	public RollbackRefusedException(String operation, List<String> failures) {
		this(failures.stream().map((failure) -> new Refusal(Check.OTHER, failure, null, null)).toList(), operation);
	}

	private RollbackRefusedException(List<Refusal> refusals, String operation) {
		super(operation + " refused by " + refusals.size() + " safety check(s); nothing was run:\n  - "
				+ String.join("\n  - ", refusals.stream().map(Refusal::message).toList()));
		this.refusals = List.copyOf(refusals);
		this.failures = this.refusals.stream().map(Refusal::message).toList();
	}

	/**
	 * A refusal by the given checks.
	 * @param operation what was refused, such as {@code Rollback to '-1'}
	 * @param refusals the failed checks
	 * @return the exception
	 */
	public static RollbackRefusedException of(String operation, List<Refusal> refusals) {
		return new RollbackRefusedException(refusals, operation);
	}

	/**
	 * The failed checks, one message each, with what to do in the Java API's terms.
	 * @return the failures
	 */
	public List<String> getFailures() {
		return this.failures;
	}

	/**
	 * The failed checks with their data.
	 * @return the refusals
	 */
	public List<Refusal> getRefusals() {
		return this.refusals;
	}

	/**
	 * A safety check that refused the operation.
	 *
	 * @param check which check
	 * @param problem what it found, without what to do about it
	 * @param confirmation for {@link Check#PRODUCTION_CONFIRMATION}, the revision to repeat
	 * as the confirmation; {@code null} otherwise
	 * @param javaAdvice what to do, in the Java API's terms, or {@code null}
	 */
	public record Refusal(Check check, String problem, @Nullable String confirmation,
			@Nullable String javaAdvice) implements Serializable {

		/**
		 * The problem, then the Java advice.
		 * @return the message
		 */
		public String message() {
			return (this.javaAdvice != null) ? this.problem + " " + this.javaAdvice : this.problem;
		}

	}

	/**
	 * The safety checks a rollback or repair passes before anything runs.
	 */
	public enum Check {

		/**
		 * A revision to roll back has no downgrade.
		 */
		IRREVERSIBLE,

		/**
		 * The database could not be reached or read.
		 */
		DATABASE_ACCESS,

		/**
		 * A production database needs the resolved revision repeated as a confirmation.
		 */
		PRODUCTION_CONFIRMATION,

		/**
		 * A downgrade would drop a table or column that holds rows.
		 */
		DATA_LOSS,

		/**
		 * A backup verifier found no usable backup.
		 */
		BACKUP,

		/**
		 * A check given as a message only.
		 */
		OTHER

	}

}

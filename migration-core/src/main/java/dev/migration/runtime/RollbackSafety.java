package dev.migration.runtime;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.migration.BackupVerifier;
import dev.migration.MigrationConfiguration;
import dev.migration.RollbackRefusedException;
import dev.migration.RollbackRefusedException.Check;
import dev.migration.RollbackRefusedException.Refusal;
import dev.migration.TargetException;
import dev.migration.revision.MigrationPlan;
import dev.migration.revision.RevisionGraph;

/**
 * The rollback safety checks that need more than the plan: production confirmation,
 * the data-loss guard and backup verification.
 */
final class RollbackSafety {

	private final MigrationConfiguration configuration;

	RollbackSafety(MigrationConfiguration configuration) {
		this.configuration = configuration;
	}

	/**
	 * Where a rollback ends: the current revision(s) afterwards, or {@code base}.
	 */
	static String resolvedTarget(RevisionGraph graph, Set<String> applied, MigrationPlan plan) {
		Set<String> remaining = new LinkedHashSet<>(applied);
		plan.steps().forEach(remaining::remove);
		List<String> current = graph.topologicalOrder(graph.currentRevisions(remaining));
		return current.isEmpty() ? "base" : String.join(",", current);
	}

	/**
	 * In production, the caller must repeat the resolved target (or a unique prefix of
	 * it) as the confirmation. Returns the problem, or {@code null} when confirmed or not
	 * production.
	 */
	Refusal confirmationProblem(RevisionGraph graph, String resolved, String confirm, String javaCall) {
		if (!this.configuration.production()) {
			return null;
		}
		String how = "Confirm with: " + javaCall;
		if (confirm == null || confirm.isBlank()) {
			return new Refusal(Check.PRODUCTION_CONFIRMATION, "Production protection: this is a production database, "
					+ "so this needs a confirmation: repeat the revision it ends at, " + resolved + ".", resolved, how);
		}
		String given = confirm.strip();
		boolean matches = given.equals(resolved);
		if (!matches && !resolved.contains(",") && !"base".equals(resolved)) {
			try {
				matches = resolved.equals(graph.resolveId(given));
			}
			catch (TargetException ex) {
				matches = false;
			}
		}
		if (!matches) {
			return new Refusal(Check.PRODUCTION_CONFIRMATION, "Production protection: the confirmation '"
					+ quote(given) + "' does not match the resolved revision " + resolved + ".", resolved, how);
		}
		return null;
	}

	private static String quote(String value) {
		String cut = (value.length() > 100) ? value.substring(0, 100) + "..." : value;
		return cut.replaceAll("\\p{Cntrl}", "?");
	}

	List<Refusal> dataLoss(Session session, List<Step> steps) {
		DataLossGuard guard = new DataLossGuard(session.connection(), session.dialect(), session.schema());
		java.util.Map<Integer, List<String>> losses = guard
			.losses(steps.stream().map(Step::statements).toList());
		List<Refusal> failures = new ArrayList<>();
		losses.forEach((index, lost) -> {
			Step step = steps.get(index);
			failures.add(new Refusal(Check.DATA_LOSS, "Data loss: the downgrade of " + step.script().id() + " ("
					+ step.script().info().path() + ") drops " + String.join(", ", lost) + ".", null,
					"Back up what you need, then pass RollbackOptions.withAllowDataLoss() to accept"));
		});
		return failures;
	}

	void verifyBackups(Session session, String operation, String resolved, boolean dryRun) {
		List<Refusal> problems = new ArrayList<>();
		BackupVerifier.Context context = new BackupVerifier.Context(session.connection(), session.dialect(),
				resolved, dryRun);
		for (BackupVerifier verifier : this.configuration.backupVerifiers()) {
			try {
				String problem = verifier.verify(context);
				if (problem != null) {
					problems.add(new Refusal(Check.BACKUP, "Backup verification: " + problem, null, null));
				}
			}
			catch (Exception ex) {
				problems.add(new Refusal(Check.BACKUP, "Backup verification: " + verifier.getClass().getSimpleName()
						+ " failed: " + ex.getMessage(), null, null));
			}
		}
		if (!problems.isEmpty()) {
			throw RollbackRefusedException.of(operation, problems);
		}
	}

}

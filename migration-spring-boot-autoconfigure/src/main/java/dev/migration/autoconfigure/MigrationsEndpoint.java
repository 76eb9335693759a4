package dev.migration.autoconfigure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.migration.DurationFormat;
import dev.migration.FleetResult;
import dev.migration.FleetStatus;
import dev.migration.HistoryEntry;
import dev.migration.LockHolder;
import dev.migration.MigrationInfo;
import dev.migration.MigrationManager;
import dev.migration.MigrationStatus;
import dev.migration.TenantFleet;
import dev.migration.VerifyReport;
import dev.migration.lint.LintFinding;
import dev.migration.lint.LintReport;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code migrations} actuator endpoint: where the database stands
 * ({@code /actuator/migrations}), the action log
 * ({@code /actuator/migrations/history?page=&size=}) and the checks of the scripts
 * against the database, with the zero-downtime lint of the pending scripts
 * ({@code /actuator/migrations/verify}). Migrating and rolling
 * back is in {@link MigrationsEndpointWebExtension}, only present when
 * {@code migration.endpoint.write-enabled=true}.
 * <p>
 * With tenants ({@code migration.tenants}), {@code /actuator/migrations} also has a
 * {@code tenants} aggregate: the counts and the first 100 tenants behind.
 */
@Endpoint(id = "migrations")
public class MigrationsEndpoint {

	/**
	 * The history page size when none is given.
	 */
	public static final int DEFAULT_PAGE_SIZE = 20;

	/**
	 * The largest history page size.
	 */
	public static final int MAX_PAGE_SIZE = 1000;

	private final MigrationManager migrationManager;

	/**
	 * The most tenants behind listed in the {@code tenants} aggregate.
	 */
	public static final int MAX_TENANTS_LISTED = 100;

	private final MigrationRunState runState;

	private final @Nullable TenantFleet tenantFleet;

	/**
	 * Creates the endpoint.
	 * @param migrationManager the manager
	 * @param runState the state of the migrations run by this application
	 */
	public MigrationsEndpoint(MigrationManager migrationManager, MigrationRunState runState) {
		this(migrationManager, runState, null);
	}

	/**
	 * Creates the endpoint of an application with tenants.
	 * @param migrationManager the manager
	 * @param runState the state of the migrations run by this application
	 * @param tenantFleet the tenants, or {@code null} for none
	 */
	public MigrationsEndpoint(MigrationManager migrationManager, MigrationRunState runState,
			@Nullable TenantFleet tenantFleet) {
		this.migrationManager = migrationManager;
		this.runState = runState;
		this.tenantFleet = tenantFleet;
	}

	/**
	 * Where the database stands, and how the last run went.
	 * @return the descriptor
	 */
	@ReadOperation
	public MigrationsDescriptor migrations() {
		MigrationStatus status = this.migrationManager.status();
		List<PendingDescriptor> pending = status.pending().stream().map(PendingDescriptor::new).toList();
		LockHolder lockHolder = status.lockHolder();
		return new MigrationsDescriptor(state(status), status.currentRevisions(), status.headRevisions(), pending,
				(lockHolder != null) ? new LockHolderDescriptor(lockHolder) : null,
				LastRunDescriptor.of(this.runState.getLastRun()), status.interrupted(),
				status.problems().stream().map(ProblemDescriptor::new).toList(),
				status.branches().stream().map(BranchDescriptor::new).toList(),
				status.repeatables().stream().map(RepeatableDescriptor::new).toList(),
				(this.tenantFleet != null) ? TenantsDescriptor.of(this.tenantFleet.status(), this.runState) : null);
	}

	private String state(MigrationStatus status) {
		return switch (this.runState.getState()) {
			case MIGRATING -> "MIGRATING";
			case FAILED -> "FAILED";
			default -> status.state().name();
		};
	}

	/**
	 * The {@code history} or {@code verify} part.
	 * @param part {@code history} or {@code verify}
	 * @param page the history page, from 0
	 * @param size the history page size, 1 to 1000
	 * @param roundtrip for {@code verify}, whether to also test every downgrade on a
	 * scratch database
	 * @return the part, or {@code null} (not found) for another name
	 */
	@ReadOperation
	public @Nullable OperationResponseBody part(@Selector String part, @Nullable Integer page,
			@Nullable Integer size, @Nullable Boolean roundtrip) {
		return switch (part) {
			case "history" -> history(page, size);
			case "verify" -> verify(Boolean.TRUE.equals(roundtrip));
			default -> null;
		};
	}

	/**
	 * A page of the action log, newest first.
	 * @param page the page, from 0; 0 when {@code null}
	 * @param size the page size, 1 to 1000; 20 when {@code null}
	 * @return the page
	 * @throws InvalidEndpointRequestException (400) when a value is out of range
	 */
	public HistoryDescriptor history(@Nullable Integer page, @Nullable Integer size) {
		int pageNumber = (page != null) ? page : 0;
		int pageSize = (size != null) ? size : DEFAULT_PAGE_SIZE;
		if (pageNumber < 0) {
			throw new InvalidEndpointRequestException("page must be 0 or more, was " + pageNumber, "Invalid page");
		}
		if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
			throw new InvalidEndpointRequestException(
					"size must be between 1 and " + MAX_PAGE_SIZE + ", was " + pageSize, "Invalid size");
		}
		List<HistoryEntry> history = this.migrationManager.history();
		long from = Math.min((long) pageNumber * pageSize, history.size());
		long to = Math.min(from + pageSize, history.size());
		List<HistoryEntryDescriptor> entries = history.subList((int) from, (int) to)
			.stream()
			.map(HistoryEntryDescriptor::new)
			.toList();
		return new HistoryDescriptor(pageNumber, pageSize, history.size(), entries);
	}

	/**
	 * The checks of the scripts against the database.
	 * @return the findings
	 */
	public VerifyDescriptor verify() {
		return verify(false);
	}

	/**
	 * The checks of the scripts against the database, with the lint of the pending
	 * scripts (what the next migrate runs), and optionally the round trip of every
	 * downgrade on a scratch database.
	 * @param roundtrip whether to run the round trip too
	 * @return the findings
	 */
	public VerifyDescriptor verify(boolean roundtrip) {
		VerifyReport report = this.migrationManager.verify();
		List<VerifyReport.Problem> problems = new java.util.ArrayList<>(report.problems());
		if (roundtrip) {
			problems.addAll(this.migrationManager.verifyRoundTrip().problems());
		}
		return VerifyDescriptor.of(new VerifyReport(problems, report.notes()), this.migrationManager.lintPending());
	}

	/**
	 * Where the database stands.
	 *
	 * @param state {@code UP_TO_DATE}, {@code PENDING}, {@code AHEAD}, {@code EDITED}
	 * (applied scripts were edited since: a migrate refuses to run), {@code MIGRATING}
	 * or {@code FAILED}
	 * @param current the current revision(s)
	 * @param heads the head(s) of the scripts
	 * @param pending the migrations to apply, in order
	 * @param lockHolder who holds the migration lock, or {@code null}
	 * @param lastRun the last run by this application, or {@code null}
	 * @param interrupted {@code transactional: false} migrations that started and never
	 * finished, each with the way to resolve it
	 * @param problems what a migrate would trip over: edited applied scripts
	 * ({@code CHECKSUM_MISMATCH}), applied revisions without a script
	 * ({@code MISSING_SCRIPT}) and interrupted migrations ({@code INTERRUPTED}), as
	 * {@code verify} reports them
	 * @param branches the labelled branches ({@code branch_labels}) with their heads and
	 * where the database stands on each; empty when no script declares a label
	 * @param repeatables the repeatable migrations in the order they run, each with where
	 * it stands ({@code UP_TO_DATE}, {@code NEW}, {@code CHANGED} or {@code WAITING});
	 * empty when there are none
	 * @param tenants with {@code migration.tenants}, where the tenants stand; otherwise
	 * {@code null}
	 */
	public record MigrationsDescriptor(String state, List<String> current, List<String> heads,
			List<PendingDescriptor> pending, @Nullable LockHolderDescriptor lockHolder,
			@Nullable LastRunDescriptor lastRun, List<String> interrupted, List<ProblemDescriptor> problems,
			List<BranchDescriptor> branches, List<RepeatableDescriptor> repeatables,
			@Nullable TenantsDescriptor tenants) implements OperationResponseBody {

		/**
		 * A descriptor without tenants, as it was before {@code tenants} existed.
		 * @param state the state
		 * @param current the current revision(s)
		 * @param heads the head(s) of the scripts
		 * @param pending the migrations to apply, in order
		 * @param lockHolder who holds the migration lock, or {@code null}
		 * @param lastRun the last run by this application, or {@code null}
		 * @param interrupted the interrupted migrations
		 * @param problems what a migrate would trip over
		 * @param branches the labelled branches
		 * @param repeatables the repeatable migrations
		 */
		public MigrationsDescriptor(String state, List<String> current, List<String> heads,
				List<PendingDescriptor> pending, @Nullable LockHolderDescriptor lockHolder,
				@Nullable LastRunDescriptor lastRun, List<String> interrupted, List<ProblemDescriptor> problems,
				List<BranchDescriptor> branches, List<RepeatableDescriptor> repeatables) {
			this(state, current, heads, pending, lockHolder, lastRun, interrupted, problems, branches, repeatables,
					null);
		}

		/**
		 * A descriptor without repeatable migrations, as it was before
		 * {@code repeatables} existed.
		 * @param state the state
		 * @param current the current revision(s)
		 * @param heads the head(s) of the scripts
		 * @param pending the migrations to apply, in order
		 * @param lockHolder who holds the migration lock, or {@code null}
		 * @param lastRun the last run by this application, or {@code null}
		 * @param interrupted the interrupted migrations
		 * @param problems what a migrate would trip over
		 * @param branches the labelled branches
		 */
		public MigrationsDescriptor(String state, List<String> current, List<String> heads,
				List<PendingDescriptor> pending, @Nullable LockHolderDescriptor lockHolder,
				@Nullable LastRunDescriptor lastRun, List<String> interrupted, List<ProblemDescriptor> problems,
				List<BranchDescriptor> branches) {
			this(state, current, heads, pending, lockHolder, lastRun, interrupted, problems, branches, List.of(),
					null);
		}

		/**
		 * A descriptor without branches, as it was before {@code branches} existed.
		 * @param state the state
		 * @param current the current revision(s)
		 * @param heads the head(s) of the scripts
		 * @param pending the migrations to apply, in order
		 * @param lockHolder who holds the migration lock, or {@code null}
		 * @param lastRun the last run by this application, or {@code null}
		 * @param interrupted the interrupted migrations
		 * @param problems what a migrate would trip over
		 */
		public MigrationsDescriptor(String state, List<String> current, List<String> heads,
				List<PendingDescriptor> pending, @Nullable LockHolderDescriptor lockHolder,
				@Nullable LastRunDescriptor lastRun, List<String> interrupted, List<ProblemDescriptor> problems) {
			this(state, current, heads, pending, lockHolder, lastRun, interrupted, problems, List.of(), List.of(),
					null);
		}

		/**
		 * A descriptor without problems, as it was before {@code problems} existed.
		 * @param state the state
		 * @param current the current revision(s)
		 * @param heads the head(s) of the scripts
		 * @param pending the migrations to apply, in order
		 * @param lockHolder who holds the migration lock, or {@code null}
		 * @param lastRun the last run by this application, or {@code null}
		 * @param interrupted the interrupted migrations
		 */
		public MigrationsDescriptor(String state, List<String> current, List<String> heads,
				List<PendingDescriptor> pending, @Nullable LockHolderDescriptor lockHolder,
				@Nullable LastRunDescriptor lastRun, List<String> interrupted) {
			this(state, current, heads, pending, lockHolder, lastRun, interrupted, List.of(), List.of(), List.of(),
					null);
		}

	}

	/**
	 * Where the tenants stand.
	 *
	 * @param total how many tenants there are
	 * @param upToDate how many have nothing pending
	 * @param pending how many have migrations pending
	 * @param failed how many failed in the last run by this application, or else whose
	 * state could not be read
	 * @param behind the first 100 tenants not up to date, failed ones first
	 * @param migrating how many tenants migrate (or roll back) right now, {@code 0}
	 * outside a fleet run
	 */
	public record TenantsDescriptor(int total, int upToDate, int pending, int failed,
			List<TenantBehindDescriptor> behind, int migrating) {

		public TenantsDescriptor {
			behind = List.copyOf(behind);
		}

		/**
		 * The aggregate of a fresh status, with the tenants that failed in the last run
		 * counted as failed (not pending) and listed first.
		 */
		static TenantsDescriptor of(FleetStatus status, MigrationRunState runState) {
			FleetResult lastRun = runState.getFleetResult();
			List<FleetResult.Tenant> failedInRun = (lastRun != null) ? lastRun.failed() : List.of();
			Set<String> failedIds = new HashSet<>();
			List<TenantBehindDescriptor> behind = new ArrayList<>();
			for (FleetResult.Tenant tenant : failedInRun) {
				failedIds.add(tenant.id());
				behind.add(new TenantBehindDescriptor(tenant.id(), null,
						MigrationRunState.describe(String.valueOf(tenant.error()))));
			}
			int pending = 0;
			int unreadable = 0;
			for (FleetStatus.Behind tenant : status.behind()) {
				if (failedIds.contains(tenant.id())) {
					continue;
				}
				if (tenant.error() != null) {
					unreadable++;
					behind.add(new TenantBehindDescriptor(tenant.id(), null,
							MigrationRunState.describe(tenant.error())));
				}
				else {
					pending++;
					behind.add(new TenantBehindDescriptor(tenant.id(), tenant.pending(), null));
				}
			}
			return new TenantsDescriptor(status.total(), status.upToDate(), pending, failedIds.size() + unreadable,
					behind.subList(0, Math.min(MAX_TENANTS_LISTED, behind.size())), status.migrating());
		}

	}

	/**
	 * A tenant not up to date.
	 *
	 * @param id the tenant's id
	 * @param pending how many migrations are pending, or {@code null} when it failed
	 * @param error why it failed, credentials masked, or {@code null}
	 */
	public record TenantBehindDescriptor(String id, @Nullable Integer pending, @Nullable String error) {

	}

	/**
	 * A labelled branch.
	 *
	 * @param label the branch label, as targets name it ({@code billing@head})
	 * @param base the revision that declares the label
	 * @param heads the branch's head(s)
	 * @param current the branch's current revision(s) in the database; empty when none
	 * is applied
	 */
	public record BranchDescriptor(String label, String base, List<String> heads, List<String> current) {

		BranchDescriptor(MigrationStatus.Branch branch) {
			this(branch.label(), branch.base(), branch.heads(), branch.current());
		}

	}

	/**
	 * A repeatable migration and where it stands.
	 *
	 * @param id its id
	 * @param message its message
	 * @param path where its script lives
	 * @param state {@code UP_TO_DATE}, {@code NEW} or {@code CHANGED} (a migrate runs
	 * it), or {@code WAITING} (for a revision it depends on)
	 * @param dependsOn the revisions and repeatables it runs after
	 * @param waitingFor what it waits for; empty unless {@code WAITING}
	 */
	public record RepeatableDescriptor(String id, String message, String path, String state, List<String> dependsOn,
			List<String> waitingFor) {

		RepeatableDescriptor(MigrationStatus.Repeatable repeatable) {
			this(repeatable.id(), repeatable.message(), repeatable.path(), repeatable.state().name(),
					repeatable.dependsOn(), repeatable.waitingFor());
		}

	}

	/**
	 * A pending migration.
	 *
	 * @param id the revision id
	 * @param message its message
	 * @param path where its script lives
	 */
	public record PendingDescriptor(String id, String message, String path) {

		PendingDescriptor(MigrationInfo info) {
			this(info.revision(), info.message(), info.path());
		}

	}

	/**
	 * Who holds the migration lock.
	 *
	 * @param owner the holder ({@code pid@host})
	 * @param since when it took the lock, if known
	 */
	public record LockHolderDescriptor(String owner, @Nullable Instant since) {

		LockHolderDescriptor(LockHolder holder) {
			this(holder.owner(), holder.since());
		}

	}

	/**
	 * The last run by this application.
	 *
	 * @param when when it started
	 * @param what what ran, such as {@code migrate to head}
	 * @param applied the revisions applied or rolled back
	 * @param duration how long it took, ISO-8601
	 * @param outcome {@code SUCCEEDED} or {@code FAILED}
	 * @param error the error, or {@code null}
	 * @param durationMillis how long it took, in milliseconds to the microsecond
	 */
	public record LastRunDescriptor(Instant when, String what, List<String> applied, String duration,
			String outcome, @Nullable String error, double durationMillis) {

		static @Nullable LastRunDescriptor of(MigrationRunState.@Nullable LastRun lastRun) {
			return (lastRun != null) ? new LastRunDescriptor(lastRun.when(), lastRun.what(), lastRun.applied(),
					lastRun.duration().toString(), lastRun.outcome().name(), lastRun.error(),
					DurationFormat.millis(lastRun.duration())) : null;
		}

	}

	/**
	 * A page of the action log.
	 *
	 * @param page the page, from 0
	 * @param size the page size
	 * @param total the number of entries in the log
	 * @param entries the page's entries, newest first
	 */
	public record HistoryDescriptor(int page, int size, int total,
			List<HistoryEntryDescriptor> entries) implements OperationResponseBody {

	}

	/**
	 * An entry of the action log.
	 *
	 * @param id its sequence number
	 * @param revision the revision acted on
	 * @param message the revision's message
	 * @param action {@code UPGRADE}, {@code DOWNGRADE} or {@code STAMP}
	 * @param user the database user that ran it
	 * @param host the host it ran on
	 * @param startedAt when it started
	 * @param duration how long it took, ISO-8601
	 * @param success whether it succeeded
	 * @param error the error, or {@code null}
	 * @param durationMillis how long it took, in milliseconds to the microsecond (whole
	 * milliseconds in rows of releases that kept no more), or {@code null}
	 */
	public record HistoryEntryDescriptor(long id, String revision, String message, String action, String user,
			String host, Instant startedAt, @Nullable String duration, boolean success, @Nullable String error,
			@Nullable Double durationMillis) {

		/**
		 * The descriptor of an entry.
		 * @param entry the entry
		 */
		public HistoryEntryDescriptor(HistoryEntry entry) {
			this(entry.id(), entry.revision(), entry.message(), entry.action().name(), entry.user(), entry.host(),
					entry.startedAt(), (entry.duration() != null) ? entry.duration().toString() : null,
					entry.success(), (entry.error() != null) ? MigrationRunState.describe(entry.error()) : null,
					(entry.duration() != null) ? DurationFormat.millis(entry.duration()) : null);
		}

	}

	/**
	 * The findings of a verification.
	 *
	 * @param ok whether nothing was found: no problem, and no lint warning
	 * @param problems the findings
	 * @param notes what is worth knowing but no problem: repeatable migrations a migrate
	 * would run ({@code REPEATABLE_PENDING})
	 * @param lint the zero-downtime lint of the pending scripts, or {@code null} when it
	 * was not asked for
	 */
	public record VerifyDescriptor(boolean ok, List<ProblemDescriptor> problems, List<ProblemDescriptor> notes,
			@Nullable LintDescriptor lint) implements OperationResponseBody {

		/**
		 * A descriptor without notes, as it was before {@code notes} existed.
		 * @param ok whether nothing was found
		 * @param problems the findings
		 */
		public VerifyDescriptor(boolean ok, List<ProblemDescriptor> problems) {
			this(ok, problems, List.of(), null);
		}

		/**
		 * A descriptor without the lint, as it was before {@code lint} existed.
		 * @param ok whether nothing was found
		 * @param problems the findings
		 * @param notes what is worth knowing but no problem
		 */
		public VerifyDescriptor(boolean ok, List<ProblemDescriptor> problems, List<ProblemDescriptor> notes) {
			this(ok, problems, notes, null);
		}

		/**
		 * The descriptor of a report.
		 * @param report the report
		 * @return the descriptor
		 */
		public static VerifyDescriptor of(VerifyReport report) {
			return of(report, null);
		}

		/**
		 * The descriptor of a report and a lint: a lint warning makes it not ok, as a
		 * problem does.
		 * @param report the report
		 * @param lint the lint, or {@code null}
		 * @return the descriptor
		 */
		public static VerifyDescriptor of(VerifyReport report, @Nullable LintReport lint) {
			return new VerifyDescriptor(report.isOk() && (lint == null || !lint.hasWarnings()),
					report.problems().stream().map(ProblemDescriptor::new).toList(),
					report.notes().stream().map(ProblemDescriptor::new).toList(),
					(lint != null) ? LintDescriptor.of(lint) : null);
		}

	}

	/**
	 * What the zero-downtime lint found.
	 *
	 * @param database the database whose catalog told table sizes, such as
	 * {@code PostgreSQL 16.4}, or {@code null} when the scripts were linted alone
	 * @param warnings how many findings are warnings
	 * @param notes how many findings are notes
	 * @param findings the findings, in the order the scripts run, then by line
	 * @param ignored the findings a {@code lint: ignore} header silenced, with its reason
	 */
	public record LintDescriptor(@Nullable String database, int warnings, int notes,
			List<LintFindingDescriptor> findings, List<LintIgnoredDescriptor> ignored) implements OperationResponseBody {

		/**
		 * The descriptor of a lint.
		 * @param report the lint
		 * @return the descriptor
		 */
		public static LintDescriptor of(LintReport report) {
			return new LintDescriptor(report.database(), report.warnings().size(), report.notes().size(),
					report.findings().stream().map(LintFindingDescriptor::new).toList(),
					report.ignored().stream().map(LintIgnoredDescriptor::new).toList());
		}

	}

	/**
	 * A hazard the lint found.
	 *
	 * @param rule the rule's id, such as {@code index-without-concurrently}
	 * @param severity {@code WARNING} or {@code NOTE}
	 * @param revision the revision of the script
	 * @param file the script
	 * @param line the line of the statement (or action) in the file, from 1
	 * @param statement the statement
	 * @param section {@code UPGRADE} or {@code DOWNGRADE}
	 * @param reason which lock it takes and what it blocks, or what it breaks
	 * @param rewrite the safe way to the same result
	 * @param table the table concerned, or {@code null}
	 * @param detail what the lint measured or assumed, such as the table's size
	 */
	public record LintFindingDescriptor(String rule, String severity, String revision, String file, int line,
			String statement, String section, String reason, String rewrite, @Nullable String table, String detail) {

		LintFindingDescriptor(LintFinding finding) {
			this(finding.rule(), finding.severity().name(), finding.revision(), finding.file(), finding.line(),
					finding.statement(), finding.section().name(), finding.reason(), finding.rewrite(), finding.table(),
					finding.detail());
		}

	}

	/**
	 * A finding a script's {@code lint: ignore} header line silenced.
	 *
	 * @param finding the finding, as it would have been reported
	 * @param reason the reason the header line gives
	 * @param headerLine the header line in the file, from 1
	 */
	public record LintIgnoredDescriptor(LintFindingDescriptor finding, String reason, int headerLine) {

		LintIgnoredDescriptor(LintReport.Ignored ignored) {
			this(new LintFindingDescriptor(ignored.finding()), ignored.reason(), ignored.headerLine());
		}

	}

	/**
	 * A finding.
	 *
	 * @param kind {@code CHECKSUM_MISMATCH}, {@code MISSING_SCRIPT}, {@code GRAPH_PROBLEM},
	 * {@code IRREVERSIBLE}, {@code INTERRUPTED}, {@code ROUND_TRIP}, {@code DRIFT},
	 * {@code MULTIPLE_HEADS} or, as a note, {@code REPEATABLE_PENDING}
	 * @param revision the revision, or {@code null}
	 * @param detail what is wrong
	 */
	public record ProblemDescriptor(String kind, @Nullable String revision, String detail) {

		ProblemDescriptor(VerifyReport.Problem problem) {
			this(problem.kind().name(), problem.revision(), problem.detail());
		}

	}

}

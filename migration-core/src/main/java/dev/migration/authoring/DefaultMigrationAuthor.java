package dev.migration.authoring;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import dev.migration.MigrationConfiguration;
import dev.migration.MigrationException;
import dev.migration.MigrationManager;
import dev.migration.MultipleHeadsException;
import dev.migration.autogenerate.Autogenerator;
import dev.migration.dialect.Dialect;
import dev.migration.operation.Operation;
import dev.migration.operation.OperationRenderer;
import dev.migration.operation.SchemaSnapshot;
import dev.migration.revision.MigrationPlanner;
import dev.migration.revision.Revision;
import dev.migration.revision.RevisionGraph;
import dev.migration.script.MigrationScript;
import dev.migration.script.ScriptLoader;
import dev.migration.script.ScriptWriter;
import org.jspecify.annotations.Nullable;

/**
 * Finds the heads among the configured scripts and those already in the source
 * directory, builds the sections, then writes the file last.
 */
final class DefaultMigrationAuthor implements MigrationAuthor {

	private final @Nullable DataSource dataSource;

	private final MigrationConfiguration configuration;

	private final Path sourceDirectory;

	private final List<String> modelLocations;

	DefaultMigrationAuthor(@Nullable DataSource dataSource, MigrationConfiguration configuration, Path sourceDirectory,
			List<String> modelLocations) {
		this.dataSource = dataSource;
		this.configuration = configuration;
		this.sourceDirectory = (sourceDirectory != null) ? sourceDirectory
				: Path.of(MigrationAuthor.DEFAULT_SOURCE_DIRECTORY);
		this.modelLocations = List.copyOf(modelLocations);
	}

	@Override
	public CreatedRevision create(String message) {
		return create(message, null, List.of(), CreateOptions.defaults());
	}

	@Override
	public CreatedRevision create(String message, String parent) {
		return create(message, requireParent(parent), List.of(), CreateOptions.defaults());
	}

	@Override
	public CreatedRevision create(String message, String parent, List<String> branchLabels) {
		return create(message, requireParent(parent), requireLabels(branchLabels), CreateOptions.defaults());
	}

	@Override
	public CreatedRevision create(String message, @Nullable String parent, List<String> branchLabels,
			CreateOptions options) {
		Prepared prepared = prepare(parent, branchLabels, options);
		return write(message, prepared, "", "", List.of());
	}

	@Override
	public CreatedRevision create(String message, String template, Map<String, String> parameters) {
		return create(message, null, List.of(), template, parameters, CreateOptions.defaults());
	}

	@Override
	public CreatedRevision create(String message, String parent, String template, Map<String, String> parameters) {
		return create(message, requireParent(parent), List.of(), template, parameters, CreateOptions.defaults());
	}

	@Override
	public CreatedRevision create(String message, String parent, List<String> branchLabels, String template,
			Map<String, String> parameters) {
		return create(message, requireParent(parent), requireLabels(branchLabels), template, parameters,
				CreateOptions.defaults());
	}

	@Override
	public CreatedRevision create(String message, @Nullable String parent, List<String> branchLabels, String template,
			Map<String, String> parameters, CreateOptions options) {
		Prepared prepared = prepare(parent, branchLabels, options);
		MigrationSql sql = withConnection((connection) -> MigrationTemplates
			.forDatabase(connection, this.configuration.schema())
			.generate(template, parameters));
		return write(message, prepared, sql.upgrade(), sql.downgrade(), List.of());
	}

	/**
	 * Checks everything about the new revision that needs no database, reading the
	 * scripts only when the parent, labels or options need them.
	 */
	private Prepared prepare(@Nullable String parent, List<String> branchLabels, CreateOptions options) {
		List<String> labels = (branchLabels != null) ? branchLabels : List.of();
		boolean root = parent != null && "base".equals(parent.strip());
		if (root && labels.isEmpty() && options.isDefault()) {
			// A new root needs no graph: scripts that do not load yet do not stop it.
			return new Prepared(NewRevision.random(), List.of(), List.of());
		}
		RevisionGraph graph = graph();
		NewRevision revision = NewRevision.of(options, graph);
		if (!labels.isEmpty()) {
			checkNewLabels(labels, graph);
			if (labels.contains(revision.id())) {
				throw new RevisionOptionException("Branch label '" + revision.id()
						+ "' is also the new revision's id; choose another label or id");
			}
		}
		List<String> parents = (parent != null) ? parent(parent, graph) : singleHead(graph);
		return new Prepared(revision, parents, labels);
	}

	private static String requireParent(String parent) {
		if (parent == null || parent.isBlank()) {
			throw new MigrationException("Missing parent revision");
		}
		return parent;
	}

	private static List<String> requireLabels(List<String> labels) {
		if (labels == null || labels.isEmpty()) {
			throw new MigrationException("A new branch needs at least one branch label");
		}
		return labels;
	}

	/**
	 * Refuses labels that could not be declared, before anything is written: invalid,
	 * reserved, repeated, declared already or equal to a revision id.
	 */
	private static void checkNewLabels(List<String> labels, RevisionGraph graph) {
		if (labels == null || labels.isEmpty()) {
			throw new MigrationException("A new branch needs at least one branch label");
		}
		Set<String> seen = new HashSet<>();
		for (String label : labels) {
			if (!Revision.isValidBranchLabel(label)) {
				throw new MigrationException("Invalid branch label '" + label + "': use only letters, digits, _ and - "
						+ "(not first); '@' separates a label from its position in a target, as in billing@head");
			}
			if (Revision.isReserved(label)) {
				throw new MigrationException("Branch label '" + label + "' is reserved for targets; choose another");
			}
			if (!seen.add(label)) {
				throw new MigrationException("Branch label '" + label + "' given twice");
			}
			String declaring = graph.branchLabels().get(label);
			if (declaring != null) {
				throw new MigrationException("Branch label '" + label + "' is already declared by revision '"
						+ declaring + "' (" + graph.require(declaring).source() + "); add to that branch with "
						+ "the parent " + label + "@head instead");
			}
			if (graph.contains(label)) {
				throw new MigrationException("Branch label '" + label + "' is the id of revision '" + label + "' ("
						+ graph.require(label).source() + "); choose another label");
			}
		}
	}

	@Override
	public Optional<CreatedRevision> create(String message, boolean autogenerate) {
		return create(message, autogenerate, CreateOptions.defaults());
	}

	@Override
	public Optional<CreatedRevision> create(String message, boolean autogenerate, CreateOptions options) {
		Prepared prepared = prepare(null, List.of(), options);
		if (!autogenerate) {
			return Optional.of(write(message, prepared, "", "", List.of()));
		}
		checkAtHead(prepared.parents());
		return withConnection((connection) -> {
			Dialect dialect = Dialect.of(connection);
			Autogenerator.Comparison comparison = compare(connection, dialect);
			if (comparison.differences().isEmpty()) {
				return Optional.empty();
			}
			OperationRenderer renderer = OperationRenderer.of(dialect);
			List<Operation> upgrade = comparison.operations();
			List<Operation> downgrade = Operation.reverse(upgrade);
			SchemaSnapshot after = comparison.live().apply(upgrade);
			List<String> notes = upgrade.stream()
				.filter((operation) -> operation instanceof Operation.ReviewNote)
				.map((operation) -> ((Operation.ReviewNote) operation).text())
				.toList();
			// The online form where every change has one: no statement blocks writes for a scan.
			Duration lockTimeout = (this.configuration.statementLockTimeout() != null) ? null
					: MigrationConfiguration.DEFAULT_STATEMENT_LOCK_TIMEOUT;
			Optional<String> onlineUpgrade = renderer.onlineScript(upgrade, comparison.live(), lockTimeout);
			Optional<String> onlineDowngrade = renderer.onlineScript(downgrade, after, lockTimeout);
			if (onlineUpgrade.isPresent() && onlineDowngrade.isPresent()) {
				return Optional.of(write(message, prepared, onlineUpgrade.get(), onlineDowngrade.get(), notes, false));
			}
			return Optional.of(write(message, prepared, renderer.script(upgrade, comparison.live()),
					renderer.script(downgrade, after), notes));
		});
	}

	@Override
	public CreatedRevision merge(String message, List<String> revisions) {
		return merge(message, revisions, CreateOptions.defaults());
	}

	@Override
	public CreatedRevision merge(String message, List<String> revisions, CreateOptions options) {
		if (revisions == null || revisions.size() < 2) {
			throw new MigrationException("A merge needs at least two revisions, got " + revisions);
		}
		RevisionGraph graph = graph();
		NewRevision revision = NewRevision.of(options, graph);
		List<String> parents = new ArrayList<>();
		for (String given : revisions) {
			String id = graph.resolveId(given);
			if (parents.contains(id)) {
				throw new MigrationException("Revision '" + given + "' given twice for the merge");
			}
			parents.add(id);
		}
		return write(message, new Prepared(revision, graph.topologicalOrder(parents), List.of()), "", "", List.of());
	}

	@Override
	public List<Operation> drift() {
		return withConnection((connection) -> compare(connection, Dialect.of(connection)).differences());
	}

	private Autogenerator.Comparison compare(Connection connection, Dialect dialect) {
		Set<String> excluded = new HashSet<>(
				Dialect.historyNames(this.configuration.stateTable(), this.configuration.table()));
		return Autogenerator.of(dialect, this.modelLocations, this.configuration.classLoader())
			.compare(connection, this.configuration.schema(), excluded);
	}

	private void checkAtHead(List<String> heads) {
		List<String> current = MigrationManager.create(this.dataSource, this.configuration).currentRevisions();
		if (!new HashSet<>(current).equals(new HashSet<>(heads))) {
			throw new MigrationException("The database is not at head (current: "
					+ (current.isEmpty() ? "base" : String.join(", ", current)) + "; head: "
					+ (heads.isEmpty() ? "base" : String.join(", ", heads))
					+ "): migrate it first, so that autogenerate compares the model with the latest schema");
		}
	}

	private CreatedRevision write(String message, Prepared prepared, String upgrade, String downgrade,
			List<String> notes) {
		return write(message, prepared, upgrade, downgrade, notes, true);
	}

	private CreatedRevision write(String message, Prepared prepared, String upgrade, String downgrade,
			List<String> notes, boolean transactional) {
		if (message == null || message.isBlank()) {
			throw new MigrationException("A revision needs a message");
		}
		NewRevision revision = prepared.revision();
		String content = ScriptWriter.render(message, revision.id(), prepared.parents(), revision.dependsOn(),
				prepared.branchLabels(), transactional, upgrade, downgrade);
		Path path = ScriptWriter.write(this.sourceDirectory, revision.id(), message, content);
		return new CreatedRevision(revision.id(), path, message.strip(), prepared.parents(), notes,
				prepared.branchLabels(), revision.dependsOn());
	}

	private static List<String> singleHead(RevisionGraph graph) {
		List<String> heads = graph.heads();
		if (heads.size() > 1) {
			throw new MultipleHeadsException("There are " + heads.size() + " heads (" + String.join(", ", heads)
					+ "): merge them first with merge(message, revisions), or pick the parent with"
					+ " create(message, parent)", heads, null);
		}
		return heads;
	}

	/**
	 * The parent a target names: {@code base} for none, else one revision, such as an id
	 * or prefix, {@code head} or {@code billing@head}.
	 */
	private static List<String> parent(String parent, RevisionGraph graph) {
		if (parent == null || parent.isBlank()) {
			throw new MigrationException("Missing parent revision");
		}
		if ("base".equals(parent.strip())) {
			return List.of();
		}
		return List.of(new MigrationPlanner(graph).revision(parent));
	}

	private RevisionGraph graph() {
		Map<String, Revision> revisions = new LinkedHashMap<>();
		List<String> locations = new ArrayList<>(this.configuration.locations());
		locations.add("filesystem:" + this.sourceDirectory.toAbsolutePath());
		MigrationConfiguration all = this.configuration.toBuilder().locations(locations).build();
		for (MigrationScript script : new ScriptLoader(all).load()) {
			// The source directory is often also on the class path: the same revision twice.
			revisions.putIfAbsent(script.id(), script.revision());
		}
		return RevisionGraph.of(revisions.values());
	}

	private <T> T withConnection(ConnectionCallback<T> callback) {
		if (this.dataSource == null) {
			throw new MigrationException("Templates and autogenerate need a DataSource: the SQL depends on the database");
		}
		try (Connection connection = this.dataSource.getConnection()) {
			return callback.apply(connection);
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot use the database: " + ex.getMessage(), ex);
		}
	}

	/**
	 * A new revision's id, dependencies, parents and labels, checked.
	 */
	private record Prepared(NewRevision revision, List<String> parents, List<String> branchLabels) {

	}

	@FunctionalInterface
	private interface ConnectionCallback<T> {

		T apply(Connection connection) throws SQLException;

	}

}

package dev.migration.authoring;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
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
		return write(message, singleHead(), List.of(), "", "", List.of());
	}

	@Override
	public CreatedRevision create(String message, String parent) {
		return write(message, parent(parent), List.of(), "", "", List.of());
	}

	@Override
	public CreatedRevision create(String message, String parent, List<String> branchLabels) {
		RevisionGraph graph = graph();
		checkNewLabels(branchLabels, graph);
		return write(message, parent(parent, graph), branchLabels, "", "", List.of());
	}

	@Override
	public CreatedRevision create(String message, String template, Map<String, String> parameters) {
		return fromTemplate(message, singleHead(), List.of(), template, parameters);
	}

	@Override
	public CreatedRevision create(String message, String parent, String template, Map<String, String> parameters) {
		return fromTemplate(message, parent(parent), List.of(), template, parameters);
	}

	@Override
	public CreatedRevision create(String message, String parent, List<String> branchLabels, String template,
			Map<String, String> parameters) {
		RevisionGraph graph = graph();
		checkNewLabels(branchLabels, graph);
		return fromTemplate(message, parent(parent, graph), branchLabels, template, parameters);
	}

	private CreatedRevision fromTemplate(String message, List<String> parents, List<String> branchLabels,
			String template, Map<String, String> parameters) {
		MigrationSql sql = withConnection((connection) -> MigrationTemplates
			.forDatabase(connection, this.configuration.schema())
			.generate(template, parameters));
		return write(message, parents, branchLabels, sql.upgrade(), sql.downgrade(), List.of());
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
		if (!autogenerate) {
			return Optional.of(create(message));
		}
		List<String> parents = singleHead();
		checkAtHead(parents);
		return withConnection((connection) -> {
			Dialect dialect = Dialect.of(connection);
			Autogenerator.Comparison comparison = compare(connection, dialect);
			if (comparison.differences().isEmpty()) {
				return Optional.empty();
			}
			OperationRenderer renderer = OperationRenderer.of(dialect);
			List<Operation> upgrade = comparison.operations();
			String upgradeSql = renderer.script(upgrade, comparison.live());
			List<Operation> downgrade = Operation.reverse(upgrade);
			String downgradeSql = renderer.script(downgrade, comparison.live().apply(upgrade));
			List<String> notes = upgrade.stream()
				.filter((operation) -> operation instanceof Operation.ReviewNote)
				.map((operation) -> ((Operation.ReviewNote) operation).text())
				.toList();
			return Optional.of(write(message, parents, List.of(), upgradeSql, downgradeSql, notes));
		});
	}

	@Override
	public CreatedRevision merge(String message, List<String> revisions) {
		if (revisions == null || revisions.size() < 2) {
			throw new MigrationException("A merge needs at least two revisions, got " + revisions);
		}
		RevisionGraph graph = graph();
		List<String> parents = new ArrayList<>();
		for (String revision : revisions) {
			String id = graph.resolveId(revision);
			if (parents.contains(id)) {
				throw new MigrationException("Revision '" + revision + "' given twice for the merge");
			}
			parents.add(id);
		}
		return write(message, graph.topologicalOrder(parents), List.of(), "", "", List.of());
	}

	@Override
	public List<Operation> drift() {
		return withConnection((connection) -> compare(connection, Dialect.of(connection)).differences());
	}

	private Autogenerator.Comparison compare(Connection connection, Dialect dialect) {
		// DuckDB numbers the log with a sequence of its own.
		Set<String> excluded = new HashSet<>(Set.of(this.configuration.table(), this.configuration.stateTable(),
				this.configuration.table() + "_seq"));
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

	private CreatedRevision write(String message, List<String> parents, List<String> branchLabels, String upgrade,
			String downgrade, List<String> notes) {
		if (message == null || message.isBlank()) {
			throw new MigrationException("A revision needs a message");
		}
		String revision = ScriptWriter.newRevisionId();
		String content = ScriptWriter.render(message, revision, parents, branchLabels, upgrade, downgrade);
		Path path = ScriptWriter.write(this.sourceDirectory, revision, message, content);
		return new CreatedRevision(revision, path, message.strip(), parents, notes, branchLabels);
	}

	private List<String> singleHead() {
		List<String> heads = graph().heads();
		if (heads.size() > 1) {
			throw new MultipleHeadsException("There are " + heads.size() + " heads (" + String.join(", ", heads)
					+ "): merge them first with merge(message, revisions), or pick the parent with"
					+ " create(message, parent)", heads, null);
		}
		return heads;
	}

	private List<String> parent(String parent) {
		if (parent != null && "base".equals(parent.strip())) {
			return List.of();
		}
		return parent(parent, graph());
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

	@FunctionalInterface
	private interface ConnectionCallback<T> {

		T apply(Connection connection) throws SQLException;

	}

}

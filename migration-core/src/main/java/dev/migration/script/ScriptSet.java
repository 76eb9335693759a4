package dev.migration.script;

import java.util.List;

/**
 * The scripts of the configured locations: the revisions of the graph and the
 * repeatable migrations ({@code repeatable: true}), which stand outside it.
 *
 * @param revisions the revision scripts and Java migrations
 * @param repeatables the repeatable migrations, unordered (by location then path)
 */
public record ScriptSet(List<MigrationScript> revisions, List<MigrationScript> repeatables) {

	public ScriptSet {
		revisions = List.copyOf(revisions);
		repeatables = List.copyOf(repeatables);
	}

}

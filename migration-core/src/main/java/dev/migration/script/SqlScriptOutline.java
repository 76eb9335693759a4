package dev.migration.script;

import dev.migration.revision.Revision;

/**
 * What a script's header and section markers say, read without splitting its
 * statements.
 *
 * @param path where the script was read from
 * @param revision the graph node its header declares
 * @param transactional whether it runs in one transaction
 * @param reversible whether it has a downgrade section
 * @param checksum the checksum of the whole file
 * @param branchLabelsLine the line of the {@code branch_labels} header entry, for
 * error messages; 0 when there is none
 * @param repeatable whether the header says {@code repeatable: true}
 * @param dependsOnLine the line of the {@code depends_on} header entry, for error
 * messages; 0 when there is none
 */
public record SqlScriptOutline(String path, Revision revision, boolean transactional, boolean reversible,
		String checksum, int branchLabelsLine, boolean repeatable, int dependsOnLine) {

}

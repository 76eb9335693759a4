package dev.migration.sample.jpa;

import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.tool.schema.extract.internal.SequenceInformationExtractorNoOpImpl;
import org.hibernate.tool.schema.extract.spi.SequenceInformationExtractor;

/**
 * The Hibernate dialect this sample uses on DuckDB, which Hibernate has none of:
 * PostgreSQL's, since DuckDB reads PostgreSQL's SQL for everything the application maps,
 * less the catalog query for sequences ({@code information_schema.sequences}), which
 * DuckDB does not have. The entities leave their ids to the database (identity
 * generation: the table's default draws from a sequence), so Hibernate reads no sequence.
 * On PostgreSQL the application uses Hibernate's own dialect.
 */
public class DuckDbHibernateDialect extends PostgreSQLDialect {

	@Override
	public String getQuerySequencesString() {
		return null;
	}

	@Override
	public SequenceInformationExtractor getSequenceInformationExtractor() {
		return SequenceInformationExtractorNoOpImpl.INSTANCE;
	}

}

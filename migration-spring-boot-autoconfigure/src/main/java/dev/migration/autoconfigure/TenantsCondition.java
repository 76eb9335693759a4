package dev.migration.autoconfigure;

import dev.migration.TenantProvider;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code migration.tenants.schemas} or {@code migration.tenants.query} is
 * set.
 */
final class TenantsCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		boolean configured = Binder.get(context.getEnvironment())
			.bind("migration.tenants", Bindable.of(MigrationProperties.Tenants.class))
			.map(MigrationProperties.Tenants::isConfigured)
			.orElse(false);
		return configured ? ConditionOutcome.match("migration.tenants is set")
				: ConditionOutcome.noMatch("migration.tenants is not set");
	}

	/**
	 * Matches when the application has tenants: {@code migration.tenants} is set, or
	 * there is a {@link TenantProvider} bean.
	 */
	static final class Configured extends AnyNestedCondition {

		Configured() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@Conditional(TenantsCondition.class)
		static class Properties {

		}

		@ConditionalOnBean(TenantProvider.class)
		static class Provider {

		}

	}

}

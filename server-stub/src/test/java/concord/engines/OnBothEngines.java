package concord.engines;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs every test of the class once per store engine: the class takes an {@link Engine} (a {@code @Parameter}
 * field, or the first argument of its {@code @BeforeParameterizedClassInvocation} methods) and opens its database
 * with {@link Databases#fresh(Engine)}. One suite, two engines, nothing copied.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ParameterizedClass(name = "on {0}")
@EnumSource(Engine.class)
public @interface OnBothEngines {
}

package org.openconnector.mapping.engine;

import io.pebbletemplates.pebble.extension.AbstractNodeVisitor;
import io.pebbletemplates.pebble.extension.NodeVisitor;
import io.pebbletemplates.pebble.extension.NodeVisitorFactory;
import io.pebbletemplates.pebble.node.IfNode;
import io.pebbletemplates.pebble.node.expression.AndExpression;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.node.expression.OrExpression;
import io.pebbletemplates.pebble.node.expression.UnaryNotExpression;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import io.pebbletemplates.pebble.utils.Pair;

import java.util.Collection;
import java.util.Map;

/**
 * Gives {@code if}, {@code not}, {@code and} and {@code or} Twig's truthiness: Pebble only accepts booleans, strings
 * and numbers there, while OpenConnector templates test objects and lists ({@code {% if casetype.result|default %}}).
 * Runs once per template at parse time, wrapping conditions; no cost per render beyond the check itself.
 */
final class TwigTruthiness implements NodeVisitorFactory {

    @Override
    public NodeVisitor createVisitor(PebbleTemplate template) {
        return new AbstractNodeVisitor((PebbleTemplateImpl) template) {
            @Override
            public void visit(IfNode node) {
                var conditions = node.getConditionsWithBodies();
                for (int i = 0; i < conditions.size(); i++) {
                    var pair = conditions.get(i);
                    conditions.set(i, new Pair<>(wrap(pair.getLeft()), pair.getRight()));
                }
                super.visit(node);
            }
        };
    }

    private static Expression<?> wrap(Expression<?> e) {
        if (e instanceof Truth) {
            return e;
        }
        if (e instanceof AndExpression || e instanceof OrExpression) {
            var binary = (io.pebbletemplates.pebble.node.expression.BinaryExpression<?>) e;
            binary.setLeft(wrap(binary.getLeftExpression()));
            binary.setRight(wrap(binary.getRightExpression()));
            return e;
        }
        if (e instanceof UnaryNotExpression not) {
            not.setChildExpression(wrap(not.getChildExpression()));
            return e;
        }
        return new Truth(e);
    }

    /** Twig/PHP truthiness: null, false, 0, "", "0", empty list or object are false. */
    static boolean truthy(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (value instanceof CharSequence s) {
            return !(s.isEmpty() || "0".contentEquals(s));
        }
        if (value instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (value instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        return true;
    }

    private record Truth(Expression<?> inner) implements Expression<Boolean> {
        @Override
        public Boolean evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
            return truthy(inner.evaluate(self, context));
        }

        @Override
        public int getLineNumber() {
            return inner.getLineNumber();
        }

        @Override
        public void accept(NodeVisitor visitor) {
            inner.accept(visitor);
        }
    }
}

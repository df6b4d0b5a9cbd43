package org.openconnector.mapping.engine;

import io.github.jamsesso.jsonlogic.JsonLogic;
import io.github.jamsesso.jsonlogic.ast.JsonLogicArray;
import io.github.jamsesso.jsonlogic.ast.JsonLogicNode;
import io.github.jamsesso.jsonlogic.ast.JsonLogicOperation;
import io.github.jamsesso.jsonlogic.ast.JsonLogicParseException;
import io.github.jamsesso.jsonlogic.ast.JsonLogicParser;
import io.github.jamsesso.jsonlogic.ast.JsonLogicVariable;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluationException;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluator;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicExpression;
import io.github.jamsesso.jsonlogic.evaluator.expressions.*;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A JSON Logic condition (rules, synchronization conditions), parsed and checked once, evaluated thread-safely
 * against Jackson trees (json-logic-java underneath; data is read through lazy views, not converted).
 * <ul>
 *   <li>Absent, null, {@code {}} or {@code []} means "always true", as OpenConnector skips empty conditions.</li>
 *   <li>A non-empty list (the seed's Rule schema types conditions as a list of objects) holds when every element does.</li>
 *   <li>An unknown operator is a compile error, not a surprise at run time.</li>
 * </ul>
 */
public final class JsonLogicCondition {

    private static final List<JsonLogicExpression> OPERATIONS = List.of(
            MathExpression.ADD, MathExpression.SUBTRACT, MathExpression.MULTIPLY, MathExpression.DIVIDE,
            MathExpression.MODULO, MathExpression.MIN, MathExpression.MAX,
            NumericComparisonExpression.GT, NumericComparisonExpression.GTE, NumericComparisonExpression.LT,
            NumericComparisonExpression.LTE, IfExpression.IF, IfExpression.TERNARY, EqualityExpression.INSTANCE,
            InequalityExpression.INSTANCE, StrictEqualityExpression.INSTANCE, StrictInequalityExpression.INSTANCE,
            NotExpression.SINGLE, NotExpression.DOUBLE, LogicExpression.AND, LogicExpression.OR,
            MapExpression.INSTANCE, FilterExpression.INSTANCE, ReduceExpression.INSTANCE, AllExpression.INSTANCE,
            ArrayHasExpression.SOME, ArrayHasExpression.NONE, MergeExpression.INSTANCE, InExpression.INSTANCE,
            ConcatenateExpression.INSTANCE, SubstringExpression.INSTANCE, MissingExpression.ALL, MissingExpression.SOME);
    private static final Set<String> OPERATORS = OPERATIONS.stream().map(JsonLogicExpression::key).collect(Collectors.toSet());
    private static final JsonLogicEvaluator EVALUATOR = new JsonLogicEvaluator(OPERATIONS);
    private static final JsonLogicCondition ALWAYS = new JsonLogicCondition(List.of());

    private final List<JsonLogicNode> all;

    private JsonLogicCondition(List<JsonLogicNode> all) {
        this.all = all;
    }

    /** Parses and checks {@code logic}; throws IllegalArgumentException saying what is wrong. */
    public static JsonLogicCondition compile(JsonNode logic) {
        if (logic == null || logic.isNull() || logic.isMissingNode() || logic.isContainer() && logic.isEmpty()) {
            return ALWAYS;
        }
        List<JsonNode> parts = logic.isArray() ? new ArrayList<>(logic.values()) : List.of(logic);
        List<JsonLogicNode> nodes = new ArrayList<>();
        for (JsonNode part : parts) {
            try {
                JsonLogicNode node = JsonLogicParser.parse(part.toString());
                checkOperators(node);
                nodes.add(node);
            } catch (JsonLogicParseException e) {
                throw new IllegalArgumentException("not valid JSON Logic: " + e.getMessage(), e);
            }
        }
        return new JsonLogicCondition(List.copyOf(nodes));
    }

    /** True when the condition holds for {@code data} (JSON Logic truthiness). */
    public boolean test(JsonNode data) {
        Object view = JsonView.of(data);
        for (JsonLogicNode node : all) {
            if (!JsonLogic.truthy(evaluate(node, view))) {
                return false;
            }
        }
        return true;
    }

    /** The raw result of a single-expression condition (for "logicResult"); null for an always-true condition. */
    public Object evaluate(JsonNode data) {
        return all.isEmpty() ? null : evaluate(all.get(0), JsonView.of(data));
    }

    private static Object evaluate(JsonLogicNode node, Object data) {
        try {
            return EVALUATOR.evaluate(node, data, "$");
        } catch (JsonLogicEvaluationException e) {
            throw new IllegalArgumentException("JSON Logic failed: " + e.getMessage(), e);
        }
    }

    private static void checkOperators(JsonLogicNode node) throws JsonLogicParseException {
        if (node instanceof JsonLogicOperation op) {
            if (!OPERATORS.contains(op.getOperator()) && !op.getOperator().equals("var")) {
                throw new JsonLogicParseException("unknown operator '" + op.getOperator() + "'", "$");
            }
            checkOperators(op.getArguments());
        } else if (node instanceof JsonLogicArray array) {
            for (JsonLogicNode child : array) {
                checkOperators(child);
            }
        } else if (node instanceof JsonLogicVariable variable) {
            checkOperators(variable.getKey());
        }
    }

    /** The operator names this evaluator knows (besides {@code var}). */
    public static Set<String> operators() {
        return OPERATORS;
    }
}

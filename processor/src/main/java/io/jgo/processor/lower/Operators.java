package io.jgo.processor.lower;

import com.palantir.javapoet.CodeBlock;
import com.sun.source.tree.Tree;

/** Java operator symbols by tree kind. */
final class Operators {
    private Operators() {
    }

    static String binary(Tree.Kind k) {
        return switch (k) {
            case MULTIPLY -> "*";
            case DIVIDE -> "/";
            case REMAINDER -> "%";
            case PLUS -> "+";
            case MINUS -> "-";
            case LEFT_SHIFT -> "<<";
            case RIGHT_SHIFT -> ">>";
            case UNSIGNED_RIGHT_SHIFT -> ">>>";
            case LESS_THAN -> "<";
            case GREATER_THAN -> ">";
            case LESS_THAN_EQUAL -> "<=";
            case GREATER_THAN_EQUAL -> ">=";
            case EQUAL_TO -> "==";
            case NOT_EQUAL_TO -> "!=";
            case AND -> "&";
            case XOR -> "^";
            case OR -> "|";
            case CONDITIONAL_AND -> "&&";
            case CONDITIONAL_OR -> "||";
            default -> throw new IllegalArgumentException("not a binary operator: " + k);
        };
    }

    static String compound(Tree.Kind k) {
        return binaryOfCompound(k) + "=";
    }

    static String binaryOfCompound(Tree.Kind k) {
        return switch (k) {
            case MULTIPLY_ASSIGNMENT -> "*";
            case DIVIDE_ASSIGNMENT -> "/";
            case REMAINDER_ASSIGNMENT -> "%";
            case PLUS_ASSIGNMENT -> "+";
            case MINUS_ASSIGNMENT -> "-";
            case LEFT_SHIFT_ASSIGNMENT -> "<<";
            case RIGHT_SHIFT_ASSIGNMENT -> ">>";
            case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT -> ">>>";
            case AND_ASSIGNMENT -> "&";
            case XOR_ASSIGNMENT -> "^";
            case OR_ASSIGNMENT -> "|";
            default -> throw new IllegalArgumentException("not a compound assignment: " + k);
        };
    }

    static CodeBlock unary(Tree.Kind k, CodeBlock operand) {
        return switch (k) {
            case POSTFIX_INCREMENT -> CodeBlock.of("$L++", operand);
            case POSTFIX_DECREMENT -> CodeBlock.of("$L--", operand);
            case PREFIX_INCREMENT -> CodeBlock.of("++$L", operand);
            case PREFIX_DECREMENT -> CodeBlock.of("--$L", operand);
            case UNARY_PLUS -> CodeBlock.of(signed(operand) ? "+($L)" : "+$L", operand);
            case UNARY_MINUS -> CodeBlock.of(signed(operand) ? "-($L)" : "-$L", operand);
            case BITWISE_COMPLEMENT -> CodeBlock.of("~$L", operand);
            case LOGICAL_COMPLEMENT -> CodeBlock.of("!$L", operand);
            default -> throw new IllegalArgumentException("not a unary operator: " + k);
        };
    }

    private static boolean signed(CodeBlock operand) {
        String s = operand.toString();
        return s.startsWith("-") || s.startsWith("+");
    }
}

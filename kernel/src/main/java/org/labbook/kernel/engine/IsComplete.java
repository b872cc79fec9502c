package org.labbook.kernel.engine;

/**
 * @param status "complete", "incomplete", "invalid" or "unknown"
 * @param indent for "incomplete", the indent of the next line
 */
public record IsComplete(String status, String indent) {
}

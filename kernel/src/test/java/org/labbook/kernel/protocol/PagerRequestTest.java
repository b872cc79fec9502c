package org.labbook.kernel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PagerRequestTest {
    @Test
    void nameWithQuestionMarksAsksForDocumentationAtTwoDetailLevels() {
        assertThat(PagerRequest.parse("String.format?")).contains(new PagerRequest("String.format", 0));
        assertThat(PagerRequest.parse("  Math.max??\n")).contains(new PagerRequest("Math.max", 1));
    }

    @Test
    void javaCodeIsNeverTakenForAPagerRequest() {
        assertThat(PagerRequest.parse("a ? b : c")).isEmpty();
        assertThat(PagerRequest.parse("x > 1 ?")).isEmpty();
        assertThat(PagerRequest.parse("int a = 1;\nString?")).isEmpty();
        assertThat(PagerRequest.parse("?")).isEmpty();
    }
}

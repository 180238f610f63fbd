package dev.mcpgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderListsTest {

    @Test
    void elementsOfSeveralFieldsAreTrimmedWithEmptyOnesDropped() {
        assertThat(HeaderLists.elements(List.of("keep-alive, X-Hop", " ,, chunked ,", "\tgzip\t", "")))
                .containsExactly("keep-alive", "X-Hop", "chunked", "gzip");
        assertThat(HeaderLists.elements(List.of())).isEmpty();
        assertThat(HeaderLists.elements(List.of(","))).isEmpty();
    }
}

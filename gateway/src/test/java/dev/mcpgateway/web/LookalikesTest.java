package dev.mcpgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LookalikesTest {

    @Test
    void asciiNamesGetTheSameKeyAsThroughFullNormalization() {
        List<String> names = new ArrayList<>(List.of(
                "", " ", "add", "ADD", " add ", "a\u0000dd", "\tadd\n", "add\u007f", "Add_Tool-2", "  ", "\u001f"));
        for (char c = 0; c < 0x80; c++) {
            names.add(String.valueOf(c));
            names.add("x" + c + "Y");
            names.add(c + "tool" + c);
        }
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            char[] chars = new char[random.nextInt(8)];
            for (int j = 0; j < chars.length; j++) {
                chars[j] = (char) random.nextInt(0x80);
            }
            names.add(new String(chars));
        }
        for (String name : names) {
            assertThat(Lookalikes.key(name)).as("key of %s", escaped(name)).isEqualTo(Lookalikes.unicodeKey(name));
        }
    }

    @Test
    void nonAsciiNamesStillFoldInvisibleAndWideCharacters() {
        assertThat(Lookalikes.key("ｗｈｏａｍｉ")).isEqualTo("whoami");
        assertThat(Lookalikes.key("whoami\uFE0F")).isEqualTo("whoami");
        assertThat(Lookalikes.key("param\u017F")).isEqualTo("params");
        assertThat(Lookalikes.imitates("WHOAMI", "whoami")).isTrue();
        assertThat(Lookalikes.imitates("whoami", "whoami")).isFalse();
    }

    private static String escaped(String name) {
        StringBuilder out = new StringBuilder();
        name.chars().forEach(c -> out.append(String.format("\\u%04x", c)));
        return out.toString();
    }
}

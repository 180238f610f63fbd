package dev.mcpgateway.web;

import java.util.ArrayList;
import java.util.List;

/**
 * The elements of comma-separated header fields (RFC 9110 §5.6.1 {@code #element} lists, §5.3 several fields as
 * one list), read per request without regular expressions: each element with the spaces and tabs around it removed,
 * empty elements dropped, case kept.
 */
public final class HeaderLists {

    private HeaderLists() {}

    /** The elements of every field in {@code fields}, in order. */
    public static List<String> elements(List<String> fields) {
        if (fields.isEmpty()) {
            return List.of();
        }
        List<String> elements = new ArrayList<>(4);
        for (String field : fields) {
            int start = 0;
            while (start <= field.length()) {
                int comma = field.indexOf(',', start);
                int end = comma < 0 ? field.length() : comma;
                String element = field.substring(start, end).trim();
                if (!element.isEmpty()) {
                    elements.add(element);
                }
                start = end + 1;
            }
        }
        return elements;
    }
}

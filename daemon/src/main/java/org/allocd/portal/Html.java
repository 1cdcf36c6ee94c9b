package org.allocd.portal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Markup that is safe to send. The only ways to make one are {@link #text} (escapes everything) and
 * {@link #el} (a tag and attribute names from code, attribute values escaped), so no page can put a
 * name, note or description into a page unescaped: there is no method that takes raw markup.
 */
public final class Html {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9-]{0,30}");
    private static final List<String> VOID = List.of("input", "br", "meta", "link", "hr");
    public static final Html EMPTY = new Html("");

    private final String markup;

    private Html(String markup) {
        this.markup = markup;
    }

    /** The one escaping function: text (and attribute values) can never close a tag, an attribute or a comment. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    public static Html text(String text) {
        return new Html(escape(text));
    }

    /**
     * An element: {@code el("a", Html.attrs("href", url), text(name))}. attributes alternate name and value;
     * a null value leaves the attribute out, "" writes it bare (checked, selected).
     */
    public static Html el(String tag, List<String> attributes, Html... children) {
        checkName(tag);
        if (attributes.size() % 2 != 0) {
            throw new IllegalArgumentException("attributes of <" + tag + "> must come as name, value pairs");
        }
        StringBuilder b = new StringBuilder("<").append(tag);
        for (int i = 0; i < attributes.size(); i += 2) {
            String name = attributes.get(i);
            String value = attributes.get(i + 1);
            checkName(name);
            if (value == null) {
                continue;
            }
            b.append(' ').append(name);
            if (!value.isEmpty()) {
                b.append("=\"").append(escape(value)).append('"');
            }
        }
        b.append('>');
        if (VOID.contains(tag)) {
            return new Html(b.toString());
        }
        for (Html child : children) {
            b.append(child.markup);
        }
        return new Html(b.append("</").append(tag).append('>').toString());
    }

    /** Attribute pairs for {@link #el}: name, value, name, value ...; a value may be null (left out). */
    public static List<String> attrs(String... namesAndValues) {
        return Arrays.asList(namesAndValues);
    }

    public static Html el(String tag, Html... children) {
        return el(tag, List.of(), children);
    }

    public static Html join(List<Html> parts) {
        StringBuilder b = new StringBuilder();
        parts.forEach(part -> b.append(part.markup));
        return new Html(b.toString());
    }

    /** A path of this site with each segment percent-encoded: names can only ever be one segment. */
    public static String path(String... segments) {
        StringBuilder b = new StringBuilder();
        for (String segment : segments) {
            b.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return b.isEmpty() ? "/" : b.toString();
    }

    /** A path with a query: pairs alternate name and value, null values left out, each part percent-encoded. */
    public static String query(String path, String... pairs) {
        StringBuilder b = new StringBuilder(path);
        char separator = '?';
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null && !pairs[i + 1].isEmpty()) {
                b.append(separator).append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return b.toString();
    }

    /** The whole document, with its doctype. */
    static String document(Html html) {
        return "<!DOCTYPE html>\n" + html.markup;
    }

    /** Inline SVG is markup too; built with {@link #el} like the rest. */
    @Override
    public String toString() {
        return markup;
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a tag or attribute name this builder writes");
        }
    }
}

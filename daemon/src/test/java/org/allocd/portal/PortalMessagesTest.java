package org.allocd.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Both languages have every key, and every key the pages name in code is in them. */
class PortalMessagesTest {
    private static final Pattern KEY = Pattern.compile("\"((?:nav|signIn|signOut|problem|dashboard|fig|col|table|jobs"
            + "|quote|verdict|account|records|export|bill|admin|finance|journal|form|error)\\.[A-Za-z.]+)\"");

    @Test
    void englishAndChineseHaveTheSameKeysAndTheCodesKeysExist() throws IOException {
        Set<String> english = keys("messages_en.properties");
        Set<String> chinese = keys("messages_zh_CN.properties");
        assertEquals(english, chinese, "the two bundles must have the same keys");
        Set<String> named = new TreeSet<>();
        try (Stream<Path> sources = Files.list(Path.of("src/main/java/org/allocd/portal"))) {
            for (Path source : sources.toList()) {
                Matcher m = KEY.matcher(Files.readString(source));
                while (m.find()) {
                    named.add(m.group(1));
                }
            }
        }
        named.removeIf(key -> key.endsWith("."));
        assertTrue(english.containsAll(named), "keys named in code but missing: " + diff(named, english));
    }

    @Test
    void theBrowsersLanguageChoosesAndTheCookieWins() {
        assertEquals("zh-CN", Messages.choose(null, "zh-CN,zh;q=0.9,en;q=0.8").tag());
        assertEquals("en", Messages.choose(null, "de-DE,en;q=0.5").tag());
        assertEquals("en", Messages.choose("en", "zh-CN").tag());
        assertEquals("en", Messages.choose(null, ";;;not a header").tag());
        assertEquals("概览", Messages.choose("zh-CN", null).t("nav.dashboard"));
    }

    private static Set<String> diff(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    private static Set<String> keys(String bundle) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Portal.class.getResourceAsStream(bundle)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return new TreeSet<>(p.stringPropertyNames());
    }
}

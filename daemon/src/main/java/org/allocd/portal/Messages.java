package org.allocd.portal;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The portal's words in one language: messages_en.properties and messages_zh_CN.properties (UTF-8).
 * Chosen by the lang cookie (the switch), else the browser's Accept-Language, else English.
 */
final class Messages {
    static final List<Locale> SHIPPED = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);
    private static final String BUNDLE = "org.allocd.portal.messages";

    private final Locale locale;
    private final ResourceBundle bundle;
    private final DateTimeFormatter dateTime;

    private Messages(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
        this.dateTime = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale)
                .withZone(ZoneId.systemDefault());
    }

    static Messages of(Locale locale) {
        return new Messages(locale.getLanguage().equals("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH);
    }

    /** The language a lang cookie names ("en", "zh-CN"), else the browser's first shipped one, else English. */
    static Messages choose(String langCookie, String acceptLanguage) {
        if (langCookie != null && (langCookie.equals("en") || langCookie.equals("zh-CN"))) {
            return of(Locale.forLanguageTag(langCookie));
        }
        if (acceptLanguage != null) {
            try {
                Locale best = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), SHIPPED);
                if (best != null) {
                    return of(best);
                }
            } catch (IllegalArgumentException malformed) {
                // A header we cannot read chooses nothing: English.
            }
        }
        return of(Locale.ENGLISH);
    }

    /** The text of a key, with {0}, {1} ... filled in; a missing key shows itself so a test finds it. */
    String t(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "??" + key + "??";
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    String tag() {
        return locale.equals(Locale.SIMPLIFIED_CHINESE) ? "zh-CN" : "en";
    }

    String dateTime(long epochMillis) {
        return dateTime.format(Instant.ofEpochMilli(epochMillis));
    }
}

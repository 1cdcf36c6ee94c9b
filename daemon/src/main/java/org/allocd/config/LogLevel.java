package org.allocd.config;

/** The level of allocd's own loggers (org.allocd.*); libraries keep the level set in logback.xml. */
public enum LogLevel { ERROR, WARN, INFO, DEBUG, TRACE }

package io.jenkins.plugins.buildkit.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A command's picocli model, declared in code, and its parsed values. picocli's annotations would do
 * the same, but the JDK reads an annotation through a proxy class that it generates at run time, one
 * per annotation type: ~40 ms of every command in a fresh JVM, which no class archive can hold.
 */
final class CommandModel {
    private final CommandSpec spec;

    private CommandModel(CommandSpec spec) {
        this.spec = spec;
    }

    /** A command run by {@code command} (a Runnable or Callable), with picocli's standard help options. */
    static CommandModel command(Object command, String name, String description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(name);
        spec.usageMessage().description(description);
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        return new CommandModel(spec);
    }

    CommandSpec spec() {
        return spec;
    }

    /** An option without a value. */
    CommandModel flag(String description, String... names) {
        spec.addOption(OptionSpec.builder(names).type(boolean.class).description(description).build());
        return this;
    }

    /** An option with one value of {@code type}; {@code defaultValue} may be null. */
    CommandModel option(Class<?> type, String label, String defaultValue, String description, String... names) {
        spec.addOption(OptionSpec.builder(names).type(type).paramLabel(label).defaultValue(defaultValue)
                .description(description).build());
        return this;
    }

    /** An option that may be given many times. */
    CommandModel list(String label, String description, String... names) {
        spec.addOption(OptionSpec.builder(names).type(List.class).auxiliaryTypes(String.class).paramLabel(label)
                .description(description).build());
        return this;
    }

    /** The first positional parameter, required. */
    CommandModel parameter(String label, String description) {
        spec.addPositional(PositionalParamSpec.builder().index("0").arity("1").required(true).type(String.class).paramLabel(label)
                .description(description).build());
        return this;
    }

    private static Object value(CommandSpec spec, String name) {
        OptionSpec option = spec.findOption(name);
        if (option == null) {
            throw new IllegalStateException("no option " + name);
        }
        return option.getValue();
    }

    static boolean flag(CommandSpec spec, String name) {
        return Boolean.TRUE.equals(value(spec, name));
    }

    static String text(CommandSpec spec, String name) {
        return (String) value(spec, name);
    }

    static Path path(CommandSpec spec, String name) {
        return (Path) value(spec, name);
    }

    /** A number option's value, 0 when not given and without default. */
    static long number(CommandSpec spec, String name) {
        Object value = value(spec, name);
        return value == null ? 0 : ((Number) value).longValue();
    }

    @SuppressWarnings("unchecked")
    static List<String> list(CommandSpec spec, String name) {
        Object value = value(spec, name);
        return value == null ? List.of() : (List<String>) value;
    }

    static String parameter(CommandSpec spec) {
        return (String) spec.positionalParameters().get(0).getValue();
    }
}

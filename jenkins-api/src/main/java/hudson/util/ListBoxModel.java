// Compile-only mirror of the Jenkins API (see DESIGN.md, "Compile-time Jenkins API"); never packaged.
package hudson.util;

import java.util.ArrayList;

public class ListBoxModel extends ArrayList<ListBoxModel.Option> {
    public ListBoxModel() {
        throw new UnsupportedOperationException("compile-only mirror");
    }

    public void add(String displayName, String value) {
        throw new UnsupportedOperationException("compile-only mirror");
    }

    public static final class Option {
        public Option(String name, String value) {
        throw new UnsupportedOperationException("compile-only mirror");
        }
    }
}

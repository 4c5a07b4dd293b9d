// Compile-only mirror of the Jenkins API (see DESIGN.md, "Compile-time Jenkins API"); never packaged.
package hudson;

import java.util.AbstractList;
import jenkins.model.Jenkins;

public class ExtensionList<T> extends AbstractList<T> {
    protected ExtensionList(Jenkins jenkins, Class<T> extensionType) {
        throw new UnsupportedOperationException("compile-only mirror");
    }

    public static <U> U lookupSingleton(Class<U> type) {
        throw new UnsupportedOperationException("compile-only mirror");
    }

    @Override
    public T get(int index) {
        throw new UnsupportedOperationException("compile-only mirror");
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException("compile-only mirror");
    }
}

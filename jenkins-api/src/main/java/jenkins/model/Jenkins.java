// Compile-only mirror of the Jenkins API (see DESIGN.md, "Compile-time Jenkins API"); never packaged.
package jenkins.model;

import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.ItemGroup;
import hudson.model.TopLevelItem;
import hudson.security.AccessControlled;
import hudson.security.Permission;

public class Jenkins implements ItemGroup<TopLevelItem>, AccessControlled {
    public static final Permission ADMINISTER = null;

    protected Jenkins() {
        throw new UnsupportedOperationException("compile-only mirror");
    }

    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException("compile-only mirror");
    }

    public Descriptor getDescriptorOrDie(Class<? extends Describable> type) {
        throw new UnsupportedOperationException("compile-only mirror");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only mirror");
    }
}

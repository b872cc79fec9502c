package org.labbook.kernel.eval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import jdk.jshell.JShell;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.VarSnippet;
import org.labbook.kernel.api.JShellState;
import org.labbook.kernel.eval.display.PlainText;

/** A view of the user's JShell, read when asked (on the evaluating thread, as extension callbacks are). */
final class ShellState implements JShellState {
    static final int SUMMARY_CHARS = 200;
    private final UserShell shell;
    private final DeferredImports deferred;

    ShellState(UserShell shell, DeferredImports deferred) {
        this.shell = shell;
        this.deferred = deferred;
    }

    private JShell jshell() {
        return shell.jshell();
    }

    @Override
    public List<Variable> variables() {
        return jshell().variables()
                .filter(v -> jshell().status(v).isActive())
                .map(v -> new Variable(v.name(), v.typeName(), summary(v)))
                .toList();
    }

    @Override
    public List<String> variableNames() {
        return jshell().variables().filter(v -> jshell().status(v).isActive()).map(VarSnippet::name).toList();
    }

    @Override
    public List<Variable> variables(Collection<String> names) {
        Set<String> wanted = Set.copyOf(names);
        return jshell().variables()
                .filter(v -> wanted.contains(v.name()) && jshell().status(v).isActive())
                .map(v -> new Variable(v.name(), v.typeName(), summary(v)))
                .toList();
    }

    private String summary(VarSnippet variable) {
        try {
            return PlainText.cap(jshell().varValue(variable), SUMMARY_CHARS);
        } catch (RuntimeException e) {
            return "(unavailable: " + e.getClass().getSimpleName() + ")";
        }
    }

    @Override
    public Optional<Object> value(String variableName) {
        Optional<VarSnippet> variable = jshell().variables()
                .filter(v -> v.name().equals(variableName) && jshell().status(v).isActive())
                .reduce((first, second) -> second);
        if (variable.isEmpty()) {
            return Optional.empty();
        }
        try {
            // varValue goes through our execution control, which keeps the live object it read.
            jshell().varValue(variable.get());
            return Optional.ofNullable(shell.control().lastValue());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The imports in force: the deferred ones (made or not, cells see them all) and those cells made. */
    @Override
    public List<String> imports() {
        List<String> imports = new ArrayList<>(deferred.declared());
        jshell().imports().filter(i -> jshell().status(i).isActive())
                .map(i -> i.source().strip())
                .filter(i -> !imports.contains(i))
                .forEach(imports::add);
        return imports;
    }

    @Override
    public List<String> methods() {
        return jshell().methods().filter(m -> jshell().status(m).isActive())
                .map(m -> signature(m.source(), m.name() + m.signature())).toList();
    }

    @Override
    public List<String> types() {
        return jshell().types().filter(t -> jshell().status(t).isActive()).map(TypeDeclSnippet::name).toList();
    }

    /** The declaration up to its body, e.g. {@code double loss(double[] w)}. */
    static String signature(String source, String fallback) {
        String withoutDoc = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "");
        int body = withoutDoc.indexOf('{');
        String head = (body < 0 ? withoutDoc : withoutDoc.substring(0, body)).replaceAll("\\s+", " ").strip();
        return head.isEmpty() ? fallback : head;
    }
}

package org.labbook.kernel.eval;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads the classes JShell compiles from the cells, and the jars the user adds. Its parent is the kernel's
 * own class loader, so cells see the kernel's api and every library shaded next to it.
 */
final class UserClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> compiled = new ConcurrentHashMap<>();
    private final java.util.Set<String> visibleThroughParent = ConcurrentHashMap.newKeySet();

    UserClassLoader(ClassLoader parent) {
        super("labbook-user", new URL[0], parent);
    }

    void declare(String className, byte[] bytecode) {
        compiled.put(className, bytecode);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = compiled.get(name);
        if (bytes == null) {
            return super.findClass(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    /** Classpath entries the parent loader already serves; adding them here again would only slow lookups. */
    void alreadyVisible(String classpath) {
        for (String element : classpath.split(java.io.File.pathSeparator)) {
            visibleThroughParent.add(element);
        }
    }

    boolean isVisibleThroughParent(String element) {
        return visibleThroughParent.contains(element);
    }

    @Override
    public void addURL(URL url) {
        super.addURL(url);
    }
}

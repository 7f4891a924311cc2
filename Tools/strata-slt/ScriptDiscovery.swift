// Finds the scripts named on the command line: a file as given, a folder searched recursively
// for *.test and *.slt. Each folder's scripts come in byte order of their paths, folders in the
// order given; a script named twice runs once.

import Foundation

enum ScriptDiscovery {
    struct Found: Equatable {
        var scripts: [String] = []
        /// Paths that do not exist or cannot be read.
        var missing: [String] = []
    }

    static let extensions = [".test", ".slt"]

    static func find(_ paths: [String]) -> Found {
        var found = Found()
        var seen = Set<String>()
        let fileManager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                found.missing.append(path)
                continue
            }
            var scripts: [String] = []
            if isDirectory.boolValue {
                guard let enumerator = fileManager.enumerator(atPath: path) else {
                    found.missing.append(path)
                    continue
                }
                let base = path.hasSuffix("/") ? path : path + "/"
                for case let relative as String in enumerator
                where extensions.contains(where: { relative.hasSuffix($0) }) {
                    let full = base + relative
                    var entryIsDirectory: ObjCBool = false
                    if fileManager.fileExists(atPath: full, isDirectory: &entryIsDirectory), !entryIsDirectory.boolValue {
                        scripts.append(full)
                    }
                }
                scripts.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            } else {
                scripts = [path]
            }
            for script in scripts where seen.insert(script).inserted {
                found.scripts.append(script)
            }
        }
        return found
    }
}

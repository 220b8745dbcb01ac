import CultureHub

try await Launcher.run()

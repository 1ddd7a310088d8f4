{
	"targets": [
		{
			"target_name": "procdash_shared_memory",
			"sources": ["native/shared-memory.cc"],
			"cflags_cc": ["-O2", "-Wno-cast-function-type"]
		}
	]
}

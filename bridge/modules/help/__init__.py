"""In-app help: the user manual per role and the job-shadowing toolkit, in English and German."""

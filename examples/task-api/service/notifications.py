"""The notification service: invoked by the Task API and subscribed to task events."""
from fastapi import FastAPI

app = FastAPI()


@app.get("/healthz")
def health():
    return {"ok": True}


@app.post("/notify")
def notify(body: dict):
    return {"sent": body}


@app.post("/events/tasks")
@app.post("/events/task-completed")
def on_task_event(event: dict):
    return {"status": "SUCCESS"}

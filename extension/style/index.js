import './base.css';
import './authoring.css';
